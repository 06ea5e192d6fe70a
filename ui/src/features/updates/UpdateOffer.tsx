import { Affix, Button, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { keys, unwrap } from '../../api';
import { commands } from '../../bindings';
import { ErrorBanner } from '../errors/ErrorBanner';
import { BELOW_OVERLAYS } from '../../theme';

/**
 * Asks once at start whether a newer Tracker Desk exists (only release builds have an update feed)
 * and offers to install it. Installing verifies the download's signature, then relaunches the app;
 * a failed check stays quiet (it is in the log), since working offline is normal.
 */
export function UpdateOffer() {
  const check = useQuery({
    queryKey: keys.update,
    queryFn: () => unwrap(commands.checkForUpdate()),
    staleTime: Infinity,
  });
  const install = useMutation({ mutationFn: () => unwrap(commands.installUpdate()) });
  const [later, setLater] = useState(false);
  const update = check.data;
  if (!update || later) return null;
  return (
    <Affix position={{ bottom: 20, left: 20 }} zIndex={BELOW_OVERLAYS}>
      <Paper withBorder shadow="md" p="md" maw={440} data-testid="update-offer" role="dialog" aria-label="Update available">
        <Stack gap="xs">
          <Text fw={600}>Tracker Desk {update.version} is available</Text>
          <Text size="sm" c="dimmed">
            You have {update.current_version}. Installing downloads it, checks that it is signed by the Tracker Desk
            team and relaunches the app. Your connections, keys and history stay as they are.
          </Text>
          {update.notes && (
            <ScrollArea.Autosize mah={140}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="update-notes">
                {update.notes}
              </Text>
            </ScrollArea.Autosize>
          )}
          {install.isError && <ErrorBanner error={install.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setLater(true)} disabled={install.isPending}>
              Later
            </Button>
            <Button onClick={() => install.mutate()} loading={install.isPending} data-testid="update-install">
              {install.isError ? 'Try again' : 'Install and relaunch'}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Affix>
  );
}
