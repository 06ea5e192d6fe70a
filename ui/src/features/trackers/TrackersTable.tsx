import { Skeleton, Stack, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { flexRender, useTable, type ColumnSizingState, type Header, type RowSelectionState, type SortingState } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import type { TrackerRow } from '../../types';
import { COLUMNS, features, HEADER_HEIGHT, loadSizes, MAX_COLUMN, MIN_COLUMN, ROW_HEIGHT, saveSizes, type SortKey } from './columns';
import { useRowWindow } from './rowWindow';
import { TrackerRowView } from './TrackerRowView';
import classes from './TrackersTable.module.css';

interface Props {
  /** How many rows the table shows; Rust holds them, and `rowAt` gives those already asked for. */
  count: number;
  rowAt: (index: number) => TrackerRow | undefined;
  /** The rows in view (and a few around them), to be asked of Rust. */
  onRange: (first: number, last: number) => void;
  /** The ids of rows `start..start + count`, for a Shift range or every row shown. */
  idsIn: (start: number, count: number) => Promise<string[]>;
  selectedId?: string;
  busy?: boolean;
  /** Shows a tracker's details; while they show, moving through the rows shows each one's. */
  onOpen: (id: string) => void;
  /** Shown inside the table when no row is left to show. */
  empty?: ReactNode;
  /** The rows ticked for a change to many at once, by tracker id. */
  checked: RowSelectionState;
  onCheck: (next: RowSelectionState) => void;
  onMenu: (row: TrackerRow, x: number, y: number) => void;
  /** The column the rows are ordered by (in Rust). */
  sort: SortKey;
  order: 'asc' | 'desc';
  onSort: (sort: SortKey, order: 'asc' | 'desc') => void;
}

const NO_ROWS: TrackerRow[] = [];
const isRow = (r: TrackerRow | undefined): r is TrackerRow => r !== undefined;

/** Only the rows in view (plus a few) are in the DOM and in this page's memory, whether there are 20 trackers or 50,000. */
export function TrackersTable({ count, rowAt, onRange, idsIn, selectedId, busy, onOpen, onMenu, empty, checked, onCheck, sort, order, onSort }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const sorting = useMemo<SortingState>(() => [{ id: sort, desc: order === 'desc' }], [sort, order]);
  const [sizes, setSizes] = useState<ColumnSizingState>(loadSizes);
  useEffect(() => saveSizes(sizes), [sizes]);

  // One row is in the Tab order (the last one focused); arrow keys move between rows.
  const [active, setActive] = useState(0);
  const tabbable = Math.min(active, count - 1);
  const rowWindow = useRowWindow(scrollRef, count);
  const items = rowWindow.indices;
  const first = items[0] ?? 0;
  const last = items.at(-1) ?? 0;
  useEffect(() => onRange(first, last), [first, last, onRange]);

  const present = items.map(rowAt).filter(isRow);
  const table = useTable({
    features,
    columns: COLUMNS,
    // The rows are Rust's: the table gives the headers, their order and their widths.
    data: NO_ROWS,
    state: { sorting, columnSizing: sizes },
    onSortingChange: (next) => {
      const [first] = typeof next === 'function' ? next(sorting) : next;
      if (first) onSort(first.id as SortKey, first.desc ? 'desc' : 'asc');
    },
    // Rust orders the rows it holds.
    manualSorting: true,
    enableSortingRemoval: false,
    // A column is ordered A to Z first (the table has no rows to guess it from).
    sortDescFirst: false,
    enableMultiSort: false,
    onColumnSizingChange: setSizes,
    columnResizeMode: 'onChange',
    defaultColumn: { minSize: MIN_COLUMN, maxSize: MAX_COLUMN },
  });
  const columnIds = table.getFlatHeaders().map((h) => h.id);
  // The columns' widths, then whatever the window has left.
  const template = table
    .getFlatHeaders()
    .map((h) => `${h.getSize()}px`)
    .concat('1fr')
    .join(' ');
  const width = table.getTotalSize();

  // A tick, or with Shift every row from the last one ticked (asked of Rust: it may be far off screen).
  const anchor = useRef<number | null>(null);
  const onTick = useCallback(
    (index: number, id: string, shift: boolean) => {
      const on = !checked[id];
      const from = anchor.current;
      anchor.current = index;
      if (shift && from !== null) {
        const start = Math.min(from, index);
        void idsIn(start, Math.abs(from - index) + 1).then((ids) => {
          const next = { ...checked };
          for (const i of ids) {
            if (on) next[i] = true;
            else delete next[i];
          }
          onCheck(next);
        });
        return;
      }
      const next = { ...checked };
      if (on) next[id] = true;
      else delete next[id];
      onCheck(next);
    },
    [checked, idsIn, onCheck],
  );
  const ticked = Object.values(checked).filter(Boolean).length;
  const allTicked = count > 0 && ticked >= count && present.every((r) => checked[r.id]);
  const tickAll = () => {
    if (allTicked) onCheck({});
    else void idsIn(0, count).then((ids) => onCheck(Object.fromEntries(ids.map((id) => [id, true]))));
  };

  // The row a key moved to, to be focused once it is drawn.
  const wantFocus = useRef<{ index: number; open: boolean } | null>(null);
  const { scrollToIndex } = rowWindow;
  const onKeyNav = useCallback(
    (e: KeyboardEvent<HTMLDivElement>, index: number) => {
      // A page is the rows the scroller shows, less one so that one row stays in view.
      const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 2);
      const last = count - 1;
      const moves: Record<string, number> = {
        ArrowDown: index + 1,
        ArrowUp: index - 1,
        PageDown: Math.min(index + page, last),
        PageUp: Math.max(index - page, 0),
        Home: 0,
        End: last,
      };
      const next = moves[e.key];
      if (next === undefined || next < 0 || next > last) return;
      e.preventDefault();
      wantFocus.current = { index: next, open: selectedId !== undefined };
      setActive(next);
      scrollToIndex(next);
    },
    [count, scrollToIndex, selectedId],
  );
  // The row a key moved to is focused (and shown, while details show) once it is rendered: at
  // once when it was in view, after the scroll and Rust's answer otherwise (End on 50,000 rows).
  useEffect(() => {
    const want = wantFocus.current;
    if (want === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-testid="tracker-row"][data-index="${want.index}"]`);
    if (el) {
      wantFocus.current = null;
      el.focus();
      if (want.open && el.dataset.id) onOpen(el.dataset.id);
    }
  });

  const line: CSSProperties = { gridTemplateColumns: template, minWidth: width };
  return (
    <div
      ref={scrollRef}
      className={classes.scroller}
      role="grid"
      aria-label="Trackers"
      aria-rowcount={count + 1}
      aria-multiselectable
      aria-busy={busy}
      data-testid="trackers-table"
      style={{ opacity: busy ? 0.6 : 1 }}
    >
      <div role="row" aria-rowindex={1} className={classes.header} style={{ ...line, height: HEADER_HEIGHT }}>
        {table.getFlatHeaders().map((h) => (
          <div
            role="columnheader"
            key={h.id}
            className={classes.cell}
            aria-sort={h.column.getIsSorted() ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
          >
            {h.id === 'select' ? (
              <input
                type="checkbox"
                data-testid="check-all"
                aria-label={`Select all ${count} trackers shown`}
                title="Select every tracker the filters show"
                checked={allTicked}
                disabled={count === 0}
                onChange={tickAll}
              />
            ) : (
              <>
                <SortButton header={h} />
                <ResizeHandle header={h} />
              </>
            )}
          </div>
        ))}
      </div>
      {count === 0 && (
        <div role="row">
          <div role="gridcell">{empty}</div>
        </div>
      )}
      <div role="rowgroup" className={classes.body} style={{ height: rowWindow.total, minWidth: width }}>
        {items.map((index) => {
          const style = { ...line, height: ROW_HEIGHT, transform: `translateY(${index * ROW_HEIGHT}px)` };
          const tracker = rowAt(index);
          if (!tracker) {
            // Asked of Rust, not here yet.
            return <div key={`wait-${index}`} role="row" aria-rowindex={index + 2} data-index={index} className={classes.row} style={style} />;
          }
          return (
            <TrackerRowView
              key={tracker.id}
              row={tracker}
              columns={columnIds}
              index={index}
              style={style}
              selected={tracker.id === selectedId}
              checked={checked[tracker.id] === true}
              onTick={onTick}
              tabbable={index === tabbable}
              onFocus={setActive}
              onOpen={onOpen}
              onMenu={onMenu}
              onKeyNav={onKeyNav}
            />
          );
        })}
      </div>
    </div>
  );
}

type TrackerHeader = Header<typeof features, TrackerRow, unknown>;

function SortButton({ header }: { header: TrackerHeader }) {
  const sorted = header.column.getIsSorted();
  const label = flexRender(header.column.columnDef.header, header.getContext());
  const Icon = sorted === 'asc' ? IconArrowUp : sorted === 'desc' ? IconArrowDown : IconArrowsSort;
  return (
    <UnstyledButton
      data-testid={`sort-${header.id}`}
      className={classes.sort}
      title={`Order by ${String(header.column.columnDef.header).toLowerCase()}`}
      onClick={header.column.getToggleSortingHandler()}
    >
      {label}
      <Icon size={14} aria-hidden style={{ opacity: sorted ? 1 : 0.4 }} />
    </UnstyledButton>
  );
}

/** Dragged with the mouse, or focused and moved with ← and →; a double click gives the width back. */
function ResizeHandle({ header }: { header: TrackerHeader }) {
  const handler = header.getResizeHandler();
  const size = header.getSize();
  const name = String(header.column.columnDef.header);
  const resize = (by: number) =>
    header
      .getContext()
      .table.setColumnSizing((s) => ({ ...s, [header.id]: Math.min(MAX_COLUMN, Math.max(MIN_COLUMN, size + by)) }));
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Width of ${name}`}
      aria-valuenow={size}
      aria-valuemin={MIN_COLUMN}
      aria-valuemax={MAX_COLUMN}
      tabIndex={0}
      data-testid={`resize-${header.id}`}
      className={classes.resize}
      data-resizing={header.column.getIsResizing() || undefined}
      title="Drag to resize; double-click for the usual width"
      onMouseDown={handler}
      onTouchStart={handler}
      onDoubleClick={() => header.column.resetSize()}
      onKeyDown={(e) => {
        const by = e.key === 'ArrowLeft' ? -16 : e.key === 'ArrowRight' ? 16 : 0;
        if (!by) return;
        e.preventDefault();
        resize(by);
      }}
    />
  );
}

export function TableSkeleton() {
  return (
    <Stack gap={6} aria-label="Loading trackers" aria-busy data-testid="trackers-loading">
      {Array.from({ length: 8 }, (_, i) => (
        <Skeleton key={i} height={ROW_HEIGHT - 8} radius="sm" />
      ))}
    </Stack>
  );
}
