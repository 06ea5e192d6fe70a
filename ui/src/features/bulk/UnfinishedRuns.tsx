import { Alert, Button, Group, Text } from '@mantine/core';
import { useBulkRuns } from './queries';

/**
 * Said at start when a bulk run did not finish (a crash, a power cut, a pause): the Bulk screen
 * settles its unknown rows first, then sends the rest, once the person asks.
 */
export function UnfinishedRuns({ onOpen }: { onOpen: () => void }) {
  const runs = useBulkRuns().data ?? [];
  const open = runs.filter((v) => !v.active && v.run.state !== 'cancelled' && (v.counts.pending > 0 || v.counts.unknown > 0));
  if (open.length === 0) return null;
  const rows = open.reduce((n, v) => n + v.counts.pending + v.counts.unknown, 0);
  return (
    <Alert color="orange" p="xs" data-testid="unfinished-runs">
      <Group justify="space-between">
        <Text size="sm">
          {open.length === 1 ? 'A bulk run' : `${open.length} bulk runs`} did not finish: {rows} row(s) left. Nothing is sent twice when it goes on.
        </Text>
        <Button size="xs" onClick={onOpen}>
          Open Bulk to resume
        </Button>
      </Group>
    </Alert>
  );
}
