import { Alert, Button, Checkbox, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { validationErrors } from '../../api';
import { LongWorkBar } from '../../components/longWork';
import { ErrorBanner } from '../errors/ErrorBanner';
import { byField, fieldError } from '../errors/fields';
import { useSwitchToTeam } from './queries';
import { DEFAULT_DATABASE, switchedText } from './storeInfo';

/** Moves the history to a team's MongoDB: checked first, so a wrong string changes nothing. */
export function TeamStoreForm({ sharing }: { sharing: boolean }) {
  const [uri, setUri] = useState('');
  const [database, setDatabase] = useState(DEFAULT_DATABASE);
  const [copy, setCopy] = useState(true);
  const toTeam = useSwitchToTeam();
  const invalid = validationErrors(toTeam.error);
  const errors = byField(invalid);
  // A changed field hides the last verdict: it was about the old values.
  const edited = () => {
    if (toTeam.isError) toTeam.reset();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Once it is in the keyring the string need not stay in this window.
    toTeam.mutate({ uri, database, copyLocal: copy }, { onSuccess: () => setUri('') });
  };

  return (
    <form onSubmit={submit} aria-labelledby="settings-team-title" noValidate>
      <Stack gap="sm">
        <Title order={4} size="h5" id="settings-team-title">
          {sharing ? 'Share history in another team database' : "Share history with a team's MongoDB"}
        </Title>
        <PasswordInput
          data-testid="store-uri"
          label="Connection string"
          description="Starts with mongodb:// or mongodb+srv://. It may hold a password, so it is kept in this computer's system keyring, never in a file."
          placeholder="mongodb+srv://user:password@cluster.example.net"
          value={uri}
          onChange={(e) => {
            setUri(e.currentTarget.value);
            edited();
          }}
          error={fieldError(errors, 'uri')}
          // Mantine marks the inner input data-invalid only; screen readers need aria-invalid.
          aria-invalid={errors.uri ? true : undefined}
          autoComplete="off"
          spellCheck={false}
          required
        />
        <TextInput
          data-testid="store-database"
          label="Database name"
          description="Everyone on the team uses the same name."
          value={database}
          onChange={(e) => {
            setDatabase(e.currentTarget.value);
            edited();
          }}
          error={fieldError(errors, 'database')}
          autoComplete="off"
          spellCheck={false}
          required
        />
        <Checkbox
          data-testid="store-copy"
          label="Copy this computer's history up"
          description="Entries already in the team's database are skipped, so copying twice is safe."
          checked={copy}
          onChange={(e) => setCopy(e.currentTarget.checked)}
        />
        <Group>
          <Button type="submit" data-testid="store-switch" loading={toTeam.isPending}>
            Test and switch
          </Button>
        </Group>
        {toTeam.isPending &&
          (toTeam.progress ? (
            <LongWorkBar
              progress={toTeam.progress}
              unit="Entry"
              label="Copying the history up"
              onCancel={toTeam.cancel}
              testId="store-copy-progress"
            />
          ) : (
            <Text size="sm" c="dimmed" aria-live="polite">
              Checking the database{copy ? ' and copying the history up' : ''}…
            </Text>
          ))}
        {toTeam.isSuccess && (
          <Alert color="green" role="status" data-testid="store-result">
            {switchedText(toTeam.data)}
          </Alert>
        )}
        {toTeam.isError && invalid.length === 0 && <ErrorBanner error={toTeam.error} />}
      </Stack>
    </form>
  );
}
