import { Button, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useSelection } from '../workspace/selection';
import { ReplaceKeyModal } from './ReplaceKeyModal';

/** Offered where CallRail refused the key of the connection in use. */
export function ReenterKeyButton() {
  const { connection } = useSelection();
  const [opened, { open, close }] = useDisclosure(false);
  if (!connection) return null;
  return (
    <Group>
      <Button size="xs" data-testid="reenter-key" onClick={open}>
        Re-enter API key
      </Button>
      <ReplaceKeyModal connection={connection} opened={opened} onClose={close} />
    </Group>
  );
}
