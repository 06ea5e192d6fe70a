import { Table, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import type { JournalEntry } from '../../types';
import { HISTORY_COLUMNS, HistoryRow, type RowActions } from './HistoryRow';

interface Props extends RowActions {
  entries: JournalEntry[];
  companyOf: (e: JournalEntry) => string;
}

/** Newest first, as the journal answers; a row opens to show what was sent and what changed. */
export function HistoryTable({ entries, companyOf, ...actions }: Props) {
  const [open, setOpen] = useState<string>();
  return (
    // Six columns that wrap fit the drawer at the window's smallest width.
    <Table.ScrollContainer minWidth={680}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="history-table" aria-label="History of changes">
        <Table.Thead>
          <Table.Tr>
            {HISTORY_COLUMNS.map((label, i) => (
              <Table.Th key={i}>{label || <VisuallyHidden>{i === 0 ? 'Details' : 'Actions'}</VisuallyHidden>}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <HistoryRow
              key={e.id}
              entry={e}
              company={companyOf(e)}
              expanded={open === e.id}
              onToggle={() => setOpen((id) => (id === e.id ? undefined : e.id))}
              {...actions}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
