import { Group, Paper, Stack, Text } from '@mantine/core';
import type { FilePlan } from '../../types';

const dollars = (n: number | null) => `$${(n ?? 0).toFixed(2)}`;

/** What the plan does, buys, releases and costs, and how long CallRail's limits make it take. */
export function CostBox({ plan }: { plan: FilePlan['plan'] }) {
  const s = plan.summary;
  return (
    <Paper withBorder p="sm" data-testid="bulk-cost">
      <Group gap="xl" align="flex-start">
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {s.create} to create · {s.update} to update · {s.disable} to disable
          </Text>
          <Text size="sm" c="dimmed">
            {s.unchanged} unchanged · {s.errors} with errors
          </Text>
        </Stack>
        <Stack gap={2}>
          <Text size="sm" data-testid="bulk-bought">
            Buys <b>{s.numbers_bought}</b> number(s): {dollars(s.monthly_added)} a month more
          </Text>
          <Text size="sm" data-testid="bulk-released">
            Releases <b>{s.numbers_released}</b> number(s) for good: {dollars(s.monthly_saved)} a month less
          </Text>
        </Stack>
        <Stack gap={2}>
          <Text size="sm">{s.requests} request(s) to CallRail</Text>
          <Text size="sm" c="dimmed">
            {s.requests_left_this_hour} left for bulk work this hour
            {s.minutes_at_quota > 0 ? `: about ${s.minutes_at_quota} minute(s) of waiting on the limit` : ''}
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}
