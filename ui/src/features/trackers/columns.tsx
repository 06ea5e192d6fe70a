import { Badge, Text } from '@mantine/core';
import {
  columnResizingFeature,
  columnSizingFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
  type ColumnSizingState,
} from '@tanstack/react-table';
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

/** A cell that shows its value as it is. */
const plain = ({ getValue }: { getValue: () => unknown }) => <Text size="sm">{String(getValue())}</Text>;

/** The columns, in order; each one's width can be dragged, and all but the tick box sort the rows (in Rust). */
export const COLUMNS = helper.columns([
  helper.display({ id: 'select', size: 36, minSize: 36, enableResizing: false, enableSorting: false, header: '' }),
  helper.accessor('name', {
    header: COLUMN_LABELS.name,
    size: 220,
    cell: ({ row }) => (
      <Text size="sm" fw={500} truncate="end" title={row.original.name}>
        {row.original.name}
      </Text>
    ),
  }),
  helper.accessor((r) => typeLabel(r.type), { id: 'type', header: COLUMN_LABELS.type, size: 80, cell: plain }),
  helper.accessor((r) => r.numbers[0] ?? '', {
    id: 'numbers',
    header: COLUMN_LABELS.numbers,
    size: 220,
    cell: ({ row: { original: r } }) => (
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
  }),
  helper.accessor((r) => r.destination ?? '', {
    id: 'destination',
    header: COLUMN_LABELS.destination,
    size: 130,
    cell: ({ getValue }) => <Text size="sm">{getValue() || '—'}</Text>,
  }),
  helper.accessor('source', {
    header: COLUMN_LABELS.source,
    size: 140,
    cell: ({ row }) => (
      <Text size="sm" truncate="end" title={row.original.source}>
        {row.original.source}
      </Text>
    ),
  }),
  helper.accessor((r) => onOff(r.recording), { id: 'recording', header: COLUMN_LABELS.recording, size: 100, cell: plain }),
  helper.accessor((r) => statusLabel(r.status), {
    id: 'status',
    header: COLUMN_LABELS.status,
    size: 86,
    cell: ({ row, getValue }) => (
      <Badge size="sm" variant="light" color={row.original.status === 'active' ? 'green' : 'gray'}>
        {getValue()}
      </Badge>
    ),
  }),
  helper.accessor((r) => r.created_at ?? '', {
    id: 'created',
    header: COLUMN_LABELS.created,
    size: 110,
    cell: ({ row }) => <Text size="sm">{formatDate(row.original.created_at)}</Text>,
  }),
]);

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
