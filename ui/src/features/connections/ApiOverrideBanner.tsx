import { Alert } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { keys } from '../../api';
import { commands } from '../../bindings';

/** While an environment variable points Tracker Desk somewhere other than CallRail, says where, always. */
export function ApiOverrideBanner() {
  const address = useQuery({ queryKey: keys.apiOverride, queryFn: () => commands.apiOverride(), staleTime: Infinity });
  if (!address.data) return null;
  return (
    // Dark text on light orange: white on orange reads at under 3:1.
    <Alert
      color="orange"
      variant="light"
      radius={0}
      data-testid="api-override"
      title="Not talking to CallRail"
      styles={{ title: { color: 'var(--mantine-color-text)' }, message: { color: 'var(--mantine-color-text)' } }}
    >
      Keys and changes go to {address.data}, not to CallRail, because TRACKERDESK_API_BASE is set. Connections are
      saved for CallRail itself.
    </Alert>
  );
}
