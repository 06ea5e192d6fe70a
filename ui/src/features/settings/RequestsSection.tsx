import { Group, Progress, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { commands, type Spend } from '../../bindings';
import { useQuota } from '../bulk/queries';
import { useSelection } from '../workspace/selection';

const USES: Record<Spend, string> = {
  listing: 'Trackers shown in the table',
  search: 'Search across companies',
  usage: 'Costs and usage',
  bulk: 'Bulk changes',
  writes: 'Creates, edits and disables',
  other: 'Companies, details and checks',
};

/**
 * Settings › CallRail's hour: how much of the account's hourly quota is gone (every desk of the team
 * counts), and on what this app spent its share.
 */
export function RequestsSection() {
  const { connection, account } = useSelection();
  const conn = connection?.id ?? '';
  const acc = account?.id ?? '';
  const quota = useQuota(conn, acc);
  const byUse = useQuery({
    queryKey: ['requestsByUse', acc],
    queryFn: () => commands.requestsByUse(acc),
    enabled: acc !== '',
    refetchInterval: 30_000,
    staleTime: 0,
  });
  if (!account) return null;
  const q = quota.data;
  const lines = byUse.data ?? [];
  const ours = lines.reduce((n, l) => n + l.requests, 0);
  return (
    <Stack gap="sm" component="section" aria-labelledby="settings-requests-title" data-testid="settings-requests">
      <Title order={3} size="h4" id="settings-requests-title">
        CallRail’s hour
      </Title>
      {!q && <Skeleton height={24} aria-label="Loading the quota" />}
      {q && (
        <Stack gap={4}>
          <Group justify="space-between">
            <Text size="sm">
              {q.hour_used.toLocaleString()} of {q.hour_limit.toLocaleString()} requests used in the last hour
            </Text>
            <Text size="sm" c="dimmed">
              {q.day_used.toLocaleString()} of {q.day_limit.toLocaleString()} today
            </Text>
          </Group>
          <Progress value={(100 * q.hour_used) / Math.max(q.hour_limit, 1)} aria-label="Requests used this hour" />
        </Stack>
      )}
      <Text size="sm" c="dimmed">
        {account.name}’s quota counts every computer and the command line. This app sent {ours.toLocaleString()} of them:
      </Text>
      <Table data-testid="requests-by-use" withRowBorders={false} verticalSpacing={2}>
        <Table.Tbody>
          {lines.map((l) => (
            <Table.Tr key={l.spend} data-spend={l.spend}>
              <Table.Td>
                <Text size="sm">{USES[l.spend]}</Text>
              </Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>
                <Text size="sm">{l.requests.toLocaleString()}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
