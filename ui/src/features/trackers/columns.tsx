import { Badge, Text } from '@mantine/core';
import {
  columnResizingFeature,
  columnSizingFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
  type ColumnSizingState,
} from '@tanstack/react-table';
import type { ReactNode } from 'react';
import type { TrackerRow } from '../../types';
import { formatDate, numbersSummary, onOff, statusLabel, typeLabel } from './format';

/** Fixed row height: the virtualiser places rows without measuring them, so 10,000 rows scroll smoothly. */
export const ROW_HEIGHT = 44;
export const HEADER_HEIGHT = 36;

/** What the trackers table does here: shows the order Rust sorted the rows in, and resizes its columns. */
export const features = tableFeatures({
  rowSortingFeature,
  columnSizingFeature,
  columnResizingFeature,
});

/** The columns the rows can be ordered by (every one but the tick box), which are also the ones that resize. */
export const SORT_KEYS = ['name', 'type', 'numbers', 'destination', 'source', 'recording', 'status', 'created'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const COLUMN_LABELS: Record<SortKey, string> = {
  name: 'Name',
  type: 'Type',
  numbers: 'Numbers',
  destination: 'Destination',
  source: 'Source',
  recording: 'Recording',
  status: 'Status',
  created: 'Created',
};

const helper = createColumnHelper<typeof features, TrackerRow>();

/**
 * The columns, in order: their headers and widths. Each one's width can be dragged, and all but the
 * tick box order the rows (in Rust, which holds them: the table itself is given no rows).
 */
export const COLUMNS = helper.columns([
  helper.display({ id: 'select', size: 36, minSize: 36, enableResizing: false, enableSorting: false, header: '' }),
  helper.accessor('name', { header: COLUMN_LABELS.name, size: 220 }),
  helper.accessor('type', { header: COLUMN_LABELS.type, size: 80 }),
  helper.accessor((r) => r.numbers[0] ?? '', { id: 'numbers', header: COLUMN_LABELS.numbers, size: 220 }),
  helper.accessor((r) => r.destination ?? '', { id: 'destination', header: COLUMN_LABELS.destination, size: 130 }),
  helper.accessor('source', { header: COLUMN_LABELS.source, size: 140 }),
  helper.accessor('recording', { header: COLUMN_LABELS.recording, size: 100 }),
  helper.accessor('status', { header: COLUMN_LABELS.status, size: 86 }),
  helper.accessor((r) => r.created_at ?? '', { id: 'created', header: COLUMN_LABELS.created, size: 110 }),
]);

/** What each column shows of a row. */
export const CELLS: Record<SortKey, (r: TrackerRow) => ReactNode> = {
  name: (r) => (
    <Text size="sm" fw={500} truncate="end" title={r.name}>
      {r.name}
    </Text>
  ),
  type: (r) => <Text size="sm">{typeLabel(r.type)}</Text>,
  numbers: (r) => (
    <Text size="sm" truncate="end" title={r.numbers.join(', ')}>
      {numbersSummary(r)}
      {r.type === 'session' && (
        <Text span size="xs" c="dimmed">
          {' '}
          · pool of {r.pool_size}
        </Text>
      )}
    </Text>
  ),
  destination: (r) => <Text size="sm">{r.destination || '—'}</Text>,
  source: (r) => (
    <Text size="sm" truncate="end" title={r.source}>
      {r.source}
    </Text>
  ),
  recording: (r) => <Text size="sm">{onOff(r.recording)}</Text>,
  status: (r) => (
    <Badge size="sm" variant="light" color={r.status === 'active' ? 'green' : 'gray'}>
      {statusLabel(r.status)}
    </Badge>
  ),
  created: (r) => <Text size="sm">{formatDate(r.created_at)}</Text>,
};

export const MIN_COLUMN = 60;
export const MAX_COLUMN = 640;

const SIZES_KEY = 'trackerDesk.columnSizes';

/** The widths the person dragged the columns to, kept across restarts. */
export function loadSizes(): ColumnSizingState {
  try {
    const saved = JSON.parse(localStorage.getItem(SIZES_KEY) ?? '{}') as Record<string, unknown>;
    const ids = new Set<string>(SORT_KEYS);
    return Object.fromEntries(
      Object.entries(saved).filter(
        (e): e is [string, number] => ids.has(e[0]) && typeof e[1] === 'number' && e[1] >= MIN_COLUMN && e[1] <= MAX_COLUMN,
      ),
    );
  } catch {
    return {};
  }
}

export function saveSizes(sizes: ColumnSizingState) {
  try {
    localStorage.setItem(SIZES_KEY, JSON.stringify(sizes));
  } catch {
    // Full or refused storage only loses the convenience.
  }
}
