import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Connection } from '../../types';
import { errorText } from '../errors/describe';
import { useReplaceKey } from './queries';
import { StickyFooter } from '../../components/StickyFooter';

interface Props {
  connection: Pick<Connection, 'id' | 'name' | 'key_hint'>;
  opened: boolean;
  onClose: () => void;
}

/** Swaps a connection's key for a new one; the Rust side checks it with CallRail before keeping it. */
export function ReplaceKeyModal({ connection, opened, onClose }: Props) {
  const [apiKey, setApiKey] = useState('');
  const replace = useReplaceKey();
  const close = () => {
    setApiKey('');
    replace.reset();
    onClose();
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!apiKey.trim()) return;
    replace.mutate(
      { id: connection.id, apiKey: apiKey.trim() },
      {
        onSuccess: (conn) => {
          notifications.show({ color: 'green', message: `New key saved for ${conn.name} (${conn.key_hint}).` });
          close();
        },
      },
    );
  };
  return (
    <Modal opened={opened} onClose={close} title={`Re-enter the API key for ${connection.name}`}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm">
            The key in use ends in <b>{connection.key_hint}</b>. Paste the new key from CallRail (Settings › API keys). It
            is checked with CallRail, then kept in your system keyring.
          </Text>
          <PasswordInput
            data-testid="replace-key-input"
            label="New API key"
            value={apiKey}
            onChange={(e) => setApiKey(e.currentTarget.value)}
            autoComplete="off"
            data-autofocus
          />
          {replace.isError && (
            <Alert color="red" role="alert" data-testid="error-banner">
              {errorText(replace.error)}
            </Alert>
          )}
          <StickyFooter>
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={replace.isPending} disabled={!apiKey.trim()} data-testid="replace-key-save">
                Check and save key
              </Button>
            </Group>
          </StickyFooter>
        </Stack>
      </form>
    </Modal>
  );
}
