import { Code, ScrollArea, SimpleGrid, Stack, Text } from '@mantine/core';
import type { JournalEntry } from '../../types';
import { formatWhen, pretty } from './filter';

/** Everything the journal kept about one change, read only. */
export function EntryDetail({ entry, id }: { entry: JournalEntry; id: string }) {
  const bodies: [string, string | null][] = [
    ['Request', entry.request],
    ['Before', entry.before],
    ['After', entry.after],
  ];
  return (
    <Stack gap="xs" id={id} data-testid="history-entry-detail" data-id={entry.id}>
      <Text size="sm" c="dimmed">
        Entry {entry.id} · started {formatWhen(entry.created_at)}
        {entry.completed_at ? ` · finished ${formatWhen(entry.completed_at)}` : ' · never finished'} · tracker{' '}
        {entry.tracker_id ?? '(none yet)'} · account {entry.account_id}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
        {bodies.map(([label, body]) => (
          <Stack key={label} gap={4}>
            <Text size="sm" fw={600} id={`${id}-${label}`}>
              {label}
            </Text>
            <ScrollArea.Autosize
              mah={280}
              type="auto"
              // Focusable, so the keyboard can scroll a long body.
              viewportProps={{ tabIndex: 0, role: 'region', 'aria-labelledby': `${id}-${label}` }}
            >
              <Code block data-testid={`history-entry-${label.toLowerCase()}`}>
                {pretty(body)}
              </Code>
            </ScrollArea.Autosize>
          </Stack>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
