import { Alert, Button, Divider, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { StoreInfo } from '../../types';
import { ErrorBanner } from '../errors/ErrorBanner';
import { useStoreInfo, useSwitchToLocal } from './queries';
import { TeamStoreForm } from './TeamStoreForm';

/** Settings › Change history: where the journal is kept, and moving it. */
export function StoreSection() {
  const info = useStoreInfo();
  const toLocal = useSwitchToLocal();
  const current = info.data;
  // A team store that could not be reached at start is still configured: it can be let go as well.
  const teamConfigured = current?.kind === 'team' || !!current?.database;
  return (
    <Stack gap="sm" component="section" aria-labelledby="settings-history-title">
      <Title order={3} size="h4" id="settings-history-title">
        Change history
      </Title>
      <Text size="sm" c="dimmed">
        Every create, edit and disable is recorded, with the last-seen trackers. The history can stay on this computer,
        or be shared with your team in a MongoDB database, so everyone sees everyone's changes.
      </Text>
      {info.isPending && <Skeleton height={48} aria-label="Loading where the history is kept" />}
      {info.isError && <ErrorBanner error={info.error} onRetry={() => void info.refetch()} />}
      {current && <StoreStatus info={current} />}
      {current?.warning && (
        <Alert color="orange" title="The team's history cannot be reached" data-testid="store-warning">
          <Text size="sm">{current.warning}</Text>
        </Alert>
      )}
      {teamConfigured && (
        <Stack gap={4} align="flex-start">
          <Button variant="default" data-testid="store-local" loading={toLocal.isPending} onClick={() => toLocal.mutate()}>
            Keep history on this computer only
          </Button>
          <Text size="xs" c="dimmed">
            New changes are recorded on this computer again. What is in the team's database stays there; the connection
            string is removed from the keyring.
          </Text>
        </Stack>
      )}
      {toLocal.isError && <ErrorBanner error={toLocal.error} />}
      <Divider my="xs" />
      <TeamStoreForm sharing={current?.kind === 'team'} />
    </Stack>
  );
}

function StoreStatus({ info }: { info: StoreInfo }) {
  const team = info.kind === 'team';
  return (
    <Text size="sm" data-testid="store-kind" data-kind={info.kind}>
      {team ? (
        <>
          <b>Shared with your team</b>, in the MongoDB database <b>{info.database}</b>.
        </>
      ) : (
        <b>Kept on this computer.</b>
      )}
    </Text>
  );
}
