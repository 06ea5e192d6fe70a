import { Badge, Text } from '@mantine/core';
import type { CSSProperties, KeyboardEvent } from 'react';
import type { TrackerRow } from '../../types';
import { GRID_TEMPLATE, ROW_HEIGHT } from './columns';
import { formatDate, numbersSummary, onOff, typeLabel } from './format';
import classes from './TrackersTable.module.css';

interface Props {
  row: TrackerRow;
  index: number;
  start: number;
  selected: boolean;
  tabbable: boolean;
  onFocus: (index: number) => void;
  /** The row's context menu, at a point of the window (right click, the Menu key or Shift+F10). */
  onMenu: (row: TrackerRow, x: number, y: number) => void;
  onOpen: (id: string) => void;
  onKeyNav: (e: KeyboardEvent<HTMLDivElement>, index: number) => void;
  checked: boolean;
  /** Ticks or clears the row; with Shift, every row from the last one ticked. */
  onCheck: (index: number, range: boolean) => void;
}

export function TrackerRowView({ row, index, start, selected, tabbable, onFocus, onOpen, onKeyNav, onMenu, checked, onCheck }: Props) {
  const style: CSSProperties = { height: ROW_HEIGHT, transform: `translateY(${start}px)`, gridTemplateColumns: GRID_TEMPLATE };
  const pool = row.type === 'session';
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-checked={checked}
      tabIndex={tabbable ? 0 : -1}
      className={classes.row}
      style={style}
      data-index={index}
      data-testid="tracker-row"
      data-id={row.id}
      data-name={row.name}
      onClick={() => onOpen(row.id)}
      onFocus={() => onFocus(index)}
      onContextMenu={(e) => {
        e.preventDefault();
        onMenu(row, e.clientX, e.clientY);
      }}
      onKeyDown={(e) => {
        if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
          e.preventDefault();
          const r = e.currentTarget.getBoundingClientRect();
          onMenu(row, r.left + 48, r.top + r.height / 2);
        } else if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(row.id);
        } else onKeyNav(e, index);
      }}
    >
      <div role="gridcell" className={classes.cell} onClick={(e) => e.stopPropagation()}>
        <input
          type="checkbox"
          data-testid="row-check"
          aria-label={`Select ${row.name}`}
          checked={checked}
          readOnly
          onClick={(e) => onCheck(index, e.shiftKey)}
        />
      </div>
      <div role="gridcell" className={classes.cell}>
        <Text size="sm" fw={500} truncate="end" title={row.name}>
          {row.name}
        </Text>
      </div>
      <div role="gridcell" className={classes.cell}>
        <Text size="sm">{typeLabel(row.type)}</Text>
      </div>
      <div role="gridcell" className={classes.cell}>
        <Text size="sm" truncate="end" title={row.numbers.join(', ')}>
          {numbersSummary(row)}
          {pool && (
            <Text span size="xs" c="dimmed">
              {' '}
              · pool of {row.pool_size}
            </Text>
          )}
        </Text>
      </div>
      <div role="gridcell" className={classes.cell}>
        <Text size="sm">{row.destination ?? '—'}</Text>
      </div>
      <div role="gridcell" className={classes.cell}>
        <Text size="sm" truncate="end" title={row.source}>
          {row.source}
        </Text>
      </div>
      <div role="gridcell" className={classes.cell}>
        <Text size="sm">{onOff(row.recording)}</Text>
      </div>
      <div role="gridcell" className={classes.cell}>
        <Badge size="sm" variant="light" color={row.status === 'active' ? 'green' : 'gray'}>
          {row.status === 'active' ? 'Active' : row.status === 'disabled' ? 'Disabled' : 'Other'}
        </Badge>
      </div>
      <div role="gridcell" className={classes.cell}>
        <Text size="sm">{formatDate(row.created_at)}</Text>
      </div>
    </div>
  );
}
