import { Group, Text } from '@mantine/core';
import { useSelection } from './selection';

/** "Account › Company": always visible where the person works, and above every write. */
export function ContextLine({ label = 'Working in' }: { label?: string }) {
  const { account, company, connection } = useSelection();
  return (
    <Group gap={6} wrap="wrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} data-testid="context-line">
        {account?.name ?? '…'} › {company?.name ?? '…'}
      </Text>
      {connection?.demo && (
        <Text size="xs" c="grape">
          (sample data)
        </Text>
      )}
    </Group>
  );
}
