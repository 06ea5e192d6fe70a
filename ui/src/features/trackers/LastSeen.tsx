import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { localTime, useRelativeAge } from './age';

/** Over the last-seen rows shown while CallRail is asked for the current ones. */
export function CacheAge({ seenAt }: { seenAt: string | null }) {
  const age = useRelativeAge(seenAt);
  return (
    <Group gap={6} aria-live="polite">
      <Loader size="xs" />
      <Text size="sm" c="dimmed" data-testid="cache-age" title={seenAt ? localTime(seenAt) : undefined}>
        Last seen {age} · refreshing…
      </Text>
    </Group>
  );
}

interface OfflineProps {
  seenAt: string | null;
  retrying: boolean;
  onRetry: () => void;
}

/** CallRail could not be reached, so the list is the last-seen copy, and writes wait. */
export function OfflineBanner({ seenAt, retrying, onRetry }: OfflineProps) {
  const age = useRelativeAge(seenAt);
  return (
    <Alert color="orange" title="Working offline" role="alert" data-testid="offline-banner">
      <Stack gap="xs">
        <Text size="sm">
          CallRail can't be reached. Showing trackers as last seen {age} ({localTime(seenAt)}). Creating, editing and
          disabling are paused until the connection is back.
        </Text>
        <Group>
          <Button size="xs" variant="light" color="orange" data-testid="offline-retry" loading={retrying} onClick={onRetry}>
            Retry
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
