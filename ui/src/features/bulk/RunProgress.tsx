import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import type { LiveRun } from './queries';

interface Props {
  live: LiveRun;
  onStop: (cancel: boolean) => void;
  onResume: () => void;
  onExport: () => void;
  onHistory: () => void;
}

/** A run's progress as Rust streams it, with pause, resume, cancel and its results. */
export function RunProgress({ live, onStop, onResume, onExport, onHistory }: Props) {
  const c = live.counts;
  const settled = c.done + c.not_done + c.changed + c.cancelled;
  const state = live.ended?.run.state;
  return (
    <Stack gap={6} data-testid="bulk-progress" data-state={state ?? 'running'}>
      <Progress value={live.total ? (settled * 100) / live.total : 0} aria-label="Rows applied" />
      <Text size="sm" data-testid="bulk-counts">
        {settled} of {live.total} row(s): {c.done} done, {c.not_done} not done, {c.changed} changed in CallRail since the plan,{' '}
        {c.unknown} with an unknown outcome{c.cancelled ? `, ${c.cancelled} cancelled` : ''}
      </Text>
      {live.waiting && (
        <Text size="sm" c="orange" data-testid="bulk-waiting">
          Waiting until {new Date(live.waiting.until).toLocaleTimeString()}: {live.waiting.reason}
        </Text>
      )}
      {live.ended?.run.reason && (
        <Text size="sm" c="orange">
          {live.ended.run.reason}
        </Text>
      )}
      <Group gap="xs">
        {!live.ended && (
          <>
            <Button size="xs" variant="default" onClick={() => onStop(false)} data-testid="bulk-pause">
              Pause
            </Button>
            <Button size="xs" variant="default" color="red" onClick={() => onStop(true)} data-testid="bulk-cancel">
              Cancel the rest
            </Button>
          </>
        )}
        {state === 'paused' && (
          <Button size="xs" onClick={onResume} data-testid="bulk-resume">
            Resume
          </Button>
        )}
        {live.ended && (
          <>
            <Button size="xs" variant="default" onClick={onExport} data-testid="bulk-export">
              Save results…
            </Button>
            <Button size="xs" variant="default" onClick={onHistory} data-testid="bulk-history">
              See History
            </Button>
          </>
        )}
      </Group>
    </Stack>
  );
}
