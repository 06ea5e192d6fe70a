import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Connection } from '../../types';
import { ErrorBanner } from '../errors/ErrorBanner';
import { useAddConnection } from './queries';

/** Name + API key. The key goes to the Rust side once, which checks it and keeps it in the keyring. */
export function AddConnectionForm({ onAdded }: { onAdded?: (conn: Connection) => void }) {
  const [name, setName] = useState('');
  const [apiKey, setApiKey] = useState('');
  const add = useAddConnection();

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!name.trim() || !apiKey.trim()) return;
    add.mutate(
      { name: name.trim(), apiKey: apiKey.trim() },
      {
        onSuccess: (conn) => {
          setName('');
          setApiKey('');
          onAdded?.(conn);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} aria-label="Add a CallRail connection">
      <Stack gap="sm">
        <TextInput
          data-testid="connection-name"
          label="Connection name"
          description="Anything that tells you which agency or client this is"
          placeholder="Acme Marketing"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
        />
        <PasswordInput
          data-testid="connection-key"
          label="CallRail API key"
          description="In CallRail: Settings › API keys. It is checked with CallRail, kept in your system keyring, and never shown again."
          value={apiKey}
          onChange={(e) => setApiKey(e.currentTarget.value)}
          autoComplete="off"
          required
        />
        {add.isError && <ErrorBanner error={add.error} allowReenter={false} />}
        <Button type="submit" data-testid="connection-save" loading={add.isPending} disabled={!name.trim() || !apiKey.trim()}>
          Check key and save
        </Button>
      </Stack>
    </form>
  );
}
