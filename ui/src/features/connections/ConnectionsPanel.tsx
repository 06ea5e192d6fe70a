import { Divider, Drawer, Stack, Text } from '@mantine/core';
import type { Connection } from '../../types';
import { AddConnectionForm } from './AddConnectionForm';
import { ConnectionItem } from './ConnectionItem';

interface Props {
  opened: boolean;
  onClose: () => void;
  connections: Connection[];
  onAdded: (conn: Connection) => void;
}

/** Every connection with its key hint: rename, re-enter the key, remove; and add another. */
export function ConnectionsPanel({ opened, onClose, connections, onAdded }: Props) {
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="md" title="Connections"
      styles={{ title: { fontSize: 'var(--mantine-font-size-xl)', fontWeight: 700 } }}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Each connection is one CallRail API key. Keys live in your system keyring; only their last characters are shown.
        </Text>
        <Stack gap="sm" data-testid="connection-list">
          {connections.map((c) => (
            <ConnectionItem key={c.id} connection={c} />
          ))}
        </Stack>
        <Divider label="Add another connection" labelPosition="left" />
        <AddConnectionForm onAdded={onAdded} />
      </Stack>
    </Drawer>
  );
}
