import { Button, Group, Modal, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { commands, events } from '../../bindings';
import { StickyFooter } from '../../components/StickyFooter';

/** Asks before quitting while changes are on their way to CallRail; Rust asks it through an event. */
export function QuitGuard() {
  const [writes, setWrites] = useState(0);
  useEffect(() => {
    // Where nothing can be listened to (no Tauri), there is nothing to guard.
    const unlisten = events.quitRequested.listen((e) => setWrites(e.payload.writes)).catch(() => undefined);
    return () => void unlisten.then((stop) => stop?.()).catch(() => undefined);
  }, []);
  const plural = writes === 1 ? 'A change is' : `${writes} changes are`;
  return (
    <Modal opened={writes > 0} onClose={() => setWrites(0)} title={`${plural} on the way to CallRail`} zIndex={400}>
      <Text size="sm" data-testid="quit-question">
        Quitting now leaves {writes === 1 ? 'it' : 'them'} unfinished. Tracker Desk records what happened and checks
        CallRail at the next start, but until then History shows the outcome as unknown.
      </Text>
      <StickyFooter>
        <Group justify="flex-end">
          <Button variant="default" data-autofocus data-testid="quit-keep" onClick={() => setWrites(0)}>
            Keep Tracker Desk open
          </Button>
          <Button color="red" data-testid="quit-anyway" onClick={() => void commands.quitNow()}>
            Quit anyway
          </Button>
        </Group>
      </StickyFooter>
    </Modal>
  );
}
