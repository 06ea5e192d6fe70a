import type { CSSProperties, KeyboardEvent, MouseEvent } from 'react';
import type { TrackerRow } from '../../types';
import { CELLS, type SortKey } from './columns';
import classes from './TrackersTable.module.css';

interface Props {
  row: TrackerRow;
  /** The columns' ids, in order. */
  columns: readonly string[];
  index: number;
  style: CSSProperties;
  selected: boolean;
  /** Ticked for a change to many. */
  checked: boolean;
  /** The tick box was clicked (with Shift: the range from the last one ticked). */
  onTick: (index: number, id: string, shift: boolean) => void;
  tabbable: boolean;
  onFocus: (index: number) => void;
  /** The row's context menu, at a point of the window (right click, the Menu key or Shift+F10). */
  onMenu: (row: TrackerRow, x: number, y: number) => void;
  onOpen: (id: string) => void;
  onKeyNav: (e: KeyboardEvent<HTMLDivElement>, index: number) => void;
}

export function TrackerRowView({ row: tracker, columns, index, style, selected, checked, onTick, tabbable, onFocus, onOpen, onKeyNav, onMenu }: Props) {
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
      data-id={tracker.id}
      data-name={tracker.name}
      onClick={() => onOpen(tracker.id)}
      onFocus={() => onFocus(index)}
      onContextMenu={(e) => {
        e.preventDefault();
        onMenu(tracker, e.clientX, e.clientY);
      }}
      onKeyDown={(e) => {
        if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
          e.preventDefault();
          const r = e.currentTarget.getBoundingClientRect();
          onMenu(tracker, r.left + 48, r.top + r.height / 2);
        } else if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(tracker.id);
        } else onKeyNav(e, index);
      }}
    >
      {columns.map((id) =>
        id === 'select' ? (
          <div role="gridcell" key={id} className={classes.cell} onClick={(e) => e.stopPropagation()}>
            <input
              type="checkbox"
              data-testid="row-check"
              aria-label={`Select ${tracker.name}`}
              checked={checked}
              readOnly
              // A click, not a change: Shift on it ticks a range.
              onClick={(e: MouseEvent) => onTick(index, tracker.id, e.shiftKey)}
            />
          </div>
        ) : (
          <div role="gridcell" key={id} className={classes.cell}>
            {CELLS[id as SortKey](tracker)}
          </div>
        ),
      )}
    </div>
  );
}
