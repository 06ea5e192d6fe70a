import { Button, Group, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { keys, unwrap, validationErrors } from '../../api';
import { commands } from '../../bindings';
import { ErrorBanner } from '../errors/ErrorBanner';

/** Settings › Your name: what History shows for this person's changes (the OS account's by default). */
export function PersonSection() {
  const qc = useQueryClient();
  const person = useQuery({ queryKey: keys.person, queryFn: () => unwrap(commands.person()) });
  const [typed, setTyped] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (name: string | null) => unwrap(commands.setPersonName(name)),
    onSuccess: (view) => {
      qc.setQueryData(keys.person, view);
      setTyped(null);
    },
  });
  const current = person.data;
  const value = typed ?? (current?.chosen ? current.name : '');
  const invalid = validationErrors(save.error).find((e) => e.field === 'display_name');
  return (
    <Stack gap="sm" component="section" aria-labelledby="settings-person-title">
      <Title order={3} size="h4" id="settings-person-title">
        Your name in History
      </Title>
      {person.isPending && <Skeleton height={36} aria-label="Loading your name" />}
      {person.isError && <ErrorBanner error={person.error} onRetry={() => void person.refetch()} />}
      {current && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(value.trim() || null);
          }}
        >
          <Stack gap="xs">
            <Group align="flex-end" gap="xs">
              <TextInput
                data-testid="person-name"
                label="Name"
                description={`Your changes are recorded under this name. Left empty, it is your computer account’s: ${current.os_user}.`}
                placeholder={current.os_user}
                value={value}
                error={invalid?.message}
                onChange={(e) => setTyped(e.currentTarget.value)}
                style={{ flex: 1 }}
              />
              <Button type="submit" variant="default" data-testid="person-save" loading={save.isPending} disabled={typed === null}>
                Save
              </Button>
            </Group>
            <Text size="xs" c="dimmed" role="status" data-testid="person-current">
              History shows your changes as “{current.name}”.
            </Text>
            {save.isError && !invalid && <ErrorBanner error={save.error} />}
          </Stack>
        </form>
      )}
    </Stack>
  );
}
