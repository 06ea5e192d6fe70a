import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Connection } from '../../types';
import { ErrorBanner } from '../errors/ErrorBanner';
import { useRemoveConnection } from './queries';
import { StickyFooter } from '../../components/StickyFooter';

interface Props {
  connection: Connection;
  opened: boolean;
  onClose: () => void;
}

export function RemoveConnectionModal({ connection, opened, onClose }: Props) {
  const remove = useRemoveConnection();
  const close = () => {
    remove.reset();
    onClose();
  };
  const confirm = () =>
    remove.mutate(connection.id, {
      onSuccess: () => {
        notifications.show({ message: `${connection.name} was removed from Tracker Desk.` });
        onClose();
      },
    });
  return (
    <Modal opened={opened} onClose={close} title={`Remove ${connection.name}?`}>
      <Stack gap="sm">
        {connection.demo ? (
          <Text size="sm">This stops the demo and forgets its sample data. You can start it again at any time.</Text>
        ) : (
          <>
            <Text size="sm">
              Tracker Desk forgets this connection and <b>deletes its API key (ending in {connection.key_hint}) from your
              system keyring</b>. To use it again you will need to paste the key again.
            </Text>
            <Text size="sm">Nothing changes in CallRail: its trackers and numbers stay as they are.</Text>
          </>
        )}
        {remove.isError && <ErrorBanner error={remove.error} allowReenter={false} />}
        <StickyFooter>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color="red" data-testid="connection-remove-confirm" loading={remove.isPending} onClick={confirm}>
              {connection.demo ? 'Stop the demo' : 'Remove and delete the key'}
            </Button>
          </Group>
        </StickyFooter>
      </Stack>
    </Modal>
  );
}
