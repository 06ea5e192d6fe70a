import { Badge, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import type { Connection } from '../../types';
import { ErrorBanner } from '../errors/ErrorBanner';
import { useRenameConnection } from './queries';
import { RemoveConnectionModal } from './RemoveConnectionModal';
import { ReplaceKeyModal } from './ReplaceKeyModal';

export function ConnectionItem({ connection }: { connection: Connection }) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(connection.name);
  const [keyOpen, keyModal] = useDisclosure(false);
  const [removeOpen, removeModal] = useDisclosure(false);
  const rename = useRenameConnection();

  const saveName = (e: React.FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    rename.mutate({ id: connection.id, name: name.trim() }, { onSuccess: () => setRenaming(false) });
  };

  return (
    <Card withBorder padding="sm" data-testid="connection-item" data-id={connection.id}>
      <Stack gap="xs">
        {renaming ? (
          <form onSubmit={saveName}>
            <Group gap="xs" align="flex-end">
              <TextInput
                label="New name"
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setRenaming(false))}
                data-autofocus
                autoFocus
                style={{ flex: 1 }}
              />
              <Button type="submit" size="sm" loading={rename.isPending}>
                Save
              </Button>
              <Button size="sm" variant="default" onClick={() => setRenaming(false)}>
                Cancel
              </Button>
            </Group>
          </form>
        ) : (
          <Group justify="space-between" wrap="nowrap">
            <Text fw={600}>{connection.name}</Text>
            {connection.demo && (
              <Badge color="grape" variant="light">
                Demo
              </Badge>
            )}
          </Group>
        )}
        <Text size="sm" c="dimmed">
          Key {connection.key_hint}
          {connection.api_base && !connection.demo ? ` · ${connection.api_base}` : ''}
        </Text>
        {rename.isError && <ErrorBanner error={rename.error} />}
        <Group gap="xs">
          {!renaming && (
            <Button size="xs" variant="default" onClick={() => (setName(connection.name), setRenaming(true))}>
              Rename
            </Button>
          )}
          {!connection.demo && (
            <Button size="xs" variant="default" onClick={keyModal.open}>
              Re-enter key
            </Button>
          )}
          <Button size="xs" variant="light" color="red" data-testid="connection-remove" onClick={removeModal.open}>
            Remove
          </Button>
        </Group>
      </Stack>
      <ReplaceKeyModal connection={connection} opened={keyOpen} onClose={keyModal.close} />
      <RemoveConnectionModal connection={connection} opened={removeOpen} onClose={removeModal.close} />
    </Card>
  );
}
