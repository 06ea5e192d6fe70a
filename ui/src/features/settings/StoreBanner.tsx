import { Alert, Button, Group, Text } from '@mantine/core';
import { useStoreInfo } from './queries';

/** Above the trackers while the team's history does not answer: changes wait for it. */
export function StoreBanner({ onSettings }: { onSettings: () => void }) {
  const info = useStoreInfo().data;
  if (info?.kind !== 'team' || !info.warning) return null;
  return (
    <Alert color="orange" title="The team's history cannot be reached" data-testid="store-banner" role="status">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm">
          Creating, editing and disabling wait until it is back: every change is written to it first. Tracker Desk keeps
          trying by itself.
        </Text>
        <Button size="xs" variant="default" onClick={onSettings} data-testid="store-banner-settings">
          Settings…
        </Button>
      </Group>
    </Alert>
  );
}
