import { Button, Group, Modal, Text } from '@mantine/core';
import { useState } from 'react';
import { StickyFooter } from './StickyFooter';

/**
 * Closing a form that holds typed changes asks first. `requestClose` is what the form's Cancel,
 * close button and Esc call; `dialog` is rendered beside the form.
 */
export function useDiscardGuard(dirty: boolean, close: () => void) {
  const [asking, setAsking] = useState(false);
  const requestClose = () => (dirty ? setAsking(true) : close());
  const dialog = (
    <Modal opened={asking} onClose={() => setAsking(false)} title="Discard what you typed?" size="sm" zIndex={400}>
      <Text size="sm">Closing the form loses what you typed in it. Nothing was sent to CallRail.</Text>
      <StickyFooter>
        <Group justify="flex-end">
          <Button variant="default" data-autofocus data-testid="discard-keep" onClick={() => setAsking(false)}>
            Keep editing
          </Button>
          <Button
            color="red"
            data-testid="discard-confirm"
            onClick={() => {
              setAsking(false);
              close();
            }}
          >
            Discard
          </Button>
        </Group>
      </StickyFooter>
    </Modal>
  );
  return { requestClose, dialog };
}
