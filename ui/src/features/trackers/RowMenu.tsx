import { Menu } from '@mantine/core';
import type { TrackerRow } from '../../types';

export interface RowMenuAt {
  row: TrackerRow;
  x: number;
  y: number;
}

export type RowAction = 'copy' | 'open' | 'edit' | 'disable' | 'history' | 'dni';

interface Props {
  at: RowMenuAt | null;
  /** Why writes are refused now (CallRail out of reach), if they are. */
  writeBlocked: string | null;
  onAction: (action: RowAction, row: TrackerRow) => void;
  onClose: () => void;
}

/** A row's context menu: copy its numbers, open, edit, disable, its history, the website snippet. */
export function RowMenu({ at, writeBlocked, onAction, onClose }: Props) {
  const row = at?.row;
  const active = row?.status === 'active';
  const item = (action: RowAction) => () => row && onAction(action, row);
  const numbers = row && row.numbers.length > 1 ? 'numbers' : 'number';
  return (
    <Menu opened={!!at} onChange={(open) => !open && onClose()} position="bottom-start" offset={2} withinPortal>
      <Menu.Target>
        {/* A point where the menu opens; Mantine names the menu after it. */}
        <div
          role="button"
          tabIndex={-1}
          aria-label={row ? `Actions for ${row.name}` : 'Row actions'}
          style={{ position: 'fixed', left: at?.x ?? 0, top: at?.y ?? 0, width: 1, height: 1 }}
        />
      </Menu.Target>
      <Menu.Dropdown data-testid="row-menu">
        <Menu.Label>{row?.name}</Menu.Label>
        <Menu.Item data-testid="row-menu-copy" disabled={!row?.numbers.length} onClick={item('copy')}>
          Copy tracking {numbers}
        </Menu.Item>
        <Menu.Item data-testid="row-menu-open" onClick={item('open')}>
          Open details
        </Menu.Item>
        <Menu.Item data-testid="row-menu-edit" disabled={!active || !!writeBlocked} title={writeBlocked ?? undefined} onClick={item('edit')}>
          Edit…
        </Menu.Item>
        <Menu.Item
          data-testid="row-menu-disable"
          color="red"
          disabled={!active || !!writeBlocked}
          title={writeBlocked ?? undefined}
          onClick={item('disable')}
        >
          Disable…
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item data-testid="row-menu-history" onClick={item('history')}>
          History
        </Menu.Item>
        <Menu.Item data-testid="row-menu-dni" onClick={item('dni')}>
          Website snippet
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
