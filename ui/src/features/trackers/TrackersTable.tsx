import { Skeleton, Stack, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { TrackerRow } from '../../types';
import { COLUMNS, GRID_TEMPLATE, HEADER_HEIGHT, ROW_HEIGHT } from './columns';
import { TrackerRowView } from './TrackerRowView';
import classes from './TrackersTable.module.css';

interface Props {
  rows: TrackerRow[];
  selectedId?: string;
  busy?: boolean;
  onOpen: (id: string) => void;
  /** Shown inside the table when no row is left to show. */
  empty?: ReactNode;
  /** The rows ticked for a change to many at once. */
  checked: ReadonlySet<string>;
  onCheck: (ids: string[], on: boolean) => void;
  onMenu: (row: TrackerRow, x: number, y: number) => void;
  /** The order of the Name column, the only one trackers are sorted by. */
  order: 'asc' | 'desc';
  onOrder: (order: 'asc' | 'desc') => void;
}

/** Only the rows in view (plus a few) are in the DOM, whether there are 20 trackers or 10,000. */
export function TrackersTable({ rows, selectedId, busy, onOpen, onMenu, empty, checked, onCheck, order, onOrder }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // Where the last tick was, for Shift+click ranges.
  const anchor = useRef(0);
  const allChecked = rows.length > 0 && rows.every((r) => checked.has(r.id));
  const onRowCheck = useCallback(
    (index: number, range: boolean) => {
      const on = !checked.has(rows[index].id);
      const [from, to] = range ? [Math.min(anchor.current, index), Math.max(anchor.current, index)] : [index, index];
      anchor.current = index;
      onCheck(rows.slice(from, to + 1).map((r) => r.id), range ? true : on);
    },
    [checked, rows, onCheck],
  );
  // One row is in the Tab order (the last one focused); arrow keys move between rows.
  const [active, setActive] = useState(0);
  const tabbable = Math.min(active, rows.length - 1);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // The sticky column header sits above the rows inside the same scroller.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    // Used until the scroller is measured (and in tests, where nothing has a size).
    initialRect: { width: 1000, height: 600 },
  });

  const onKeyNav = useCallback(
    (e: KeyboardEvent<HTMLDivElement>, index: number) => {
      // A page is the rows the scroller shows, less one so that one row stays in view.
      const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 2);
      const last = rows.length - 1;
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
      wantFocus.current = next;
      setActive(next);
      virtualizer.scrollToIndex(next);
    },
    [rows.length, virtualizer],
  );
  // The row a key moved to is focused once it is rendered: at once when it was in view, after the
  // scroll otherwise (End on 10,000 rows).
  const wantFocus = useRef<number | null>(null);
  useEffect(() => {
    if (wantFocus.current === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${wantFocus.current}"]`);
    if (el) {
      wantFocus.current = null;
      el.focus();
    }
  });

  return (
    <div
      ref={scrollRef}
      className={classes.scroller}
      role="grid"
      aria-label="Trackers"
      aria-rowcount={rows.length + 1}
      aria-busy={busy}
      data-testid="trackers-table"
      style={{ opacity: busy ? 0.6 : 1 }}
    >
      <div role="row" aria-rowindex={1} className={classes.header} style={{ gridTemplateColumns: GRID_TEMPLATE, height: HEADER_HEIGHT }}>
        {COLUMNS.map((c) => (
          <div
            role="columnheader"
            key={c.key}
            className={classes.cell}
            aria-sort={c.key === 'name' ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
          >
            {c.key === 'name' ? (
              <UnstyledButton
                data-testid="sort-name"
                style={{ font: 'inherit', color: 'inherit', textTransform: 'inherit', letterSpacing: 'inherit' }}
                title="Order by name"
                onClick={() => onOrder(order === 'asc' ? 'desc' : 'asc')}
              >
                <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
                  {c.label}
                  {order === 'asc' ? <IconArrowUp size={14} aria-hidden /> : <IconArrowDown size={14} aria-hidden />}
                </span>
              </UnstyledButton>
            ) : c.key === 'select' ? (
              <input
                type="checkbox"
                data-testid="check-all"
                aria-label={`Select all ${rows.length} trackers shown`}
                title="Select every tracker the filters show"
                checked={allChecked}
                disabled={rows.length === 0}
                onChange={() => onCheck(rows.map((r) => r.id), !allChecked)}
              />
            ) : (
              c.label
            )}
          </div>
        ))}
      </div>
      {rows.length === 0 && (
        <div role="row">
          <div role="gridcell">{empty}</div>
        </div>
      )}
      <div role="rowgroup" className={classes.body} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          return (
            <TrackerRowView
              key={row.id}
              row={row}
              index={item.index}
              start={item.start - HEADER_HEIGHT}
              selected={row.id === selectedId}
              tabbable={item.index === tabbable}
              onFocus={setActive}
              onOpen={onOpen}
              onMenu={onMenu}
              onKeyNav={onKeyNav}
              checked={checked.has(row.id)}
              onCheck={onRowCheck}
            />
          );
        })}
      </div>
    </div>
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
