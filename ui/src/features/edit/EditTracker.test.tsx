import { mockIPC } from '@tauri-apps/api/mocks';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { withTables } from '../../test/tables';
import { describe, expect, it } from 'vitest';
import { detail, row } from '../../test/fixtures';
import { renderInApp, scope } from '../../test/render';
import type { TrackerChanges } from '../../types';
import { TrackersScreen } from '../trackers/TrackersScreen';
import { toChanges, fromDetail } from './editValues';

const POOL = detail({
  id: 'TRK5',
  name: 'Website pool',
  type: 'session',
  numbers: Array.from({ length: 8 }, (_, k) => `(404) 555-100${k}`),
  pool_size: 8,
  source: 'All traffic',
  swap_targets: ['(404) 555-0100'],
});

function setup() {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC(withTables((cmd, raw) => {
    const args = raw as Record<string, unknown>;
    calls.push({ cmd, args });
    switch (cmd) {
      case 'cached_trackers':
        return null;
      case 'list_trackers':
        return { rows: [row(5, { id: 'TRK5', name: 'Website pool' })], page: 1, per_page: 100, total_pages: 1, total_records: 1 };
      case 'get_tracker':
        return POOL;
      case 'preview_update': {
        const changes = args.changes as TrackerChanges;
        return { changes: [{ field: 'pool_size', label: 'Pool size', before: '8', after: String(changes.pool_size) }], extra_numbers: 2 };
      }
      case 'update_tracker':
        return { tracker: { ...POOL, pool_size: 10 }, reconciled: null, warnings: [] };
      default:
        throw new Error(`unexpected ${cmd}`);
    }
  }));
  renderInApp(<TrackersScreen scope={scope} />);
  return { calls, user: userEvent.setup({ delay: null }) };
}

describe('detail and edit', () => {
  it('opens a row, grows the pool after showing the cost, and sends only the change', async () => {
    const { calls, user } = setup();
    await user.click(await screen.findByTestId('tracker-row'));
    const panel = await screen.findByTestId('tracker-detail');
    await waitFor(() => expect(panel).toHaveTextContent('8 numbers'));
    expect(within(panel).getByTestId('show-dni')).toBeInTheDocument();
    await user.click(within(panel).getByTestId('edit-tracker'));

    const pool = await screen.findByTestId('field-pool-size');
    expect(pool).toHaveValue('8');
    await user.clear(pool);
    await user.type(pool, '10');
    await user.click(screen.getByTestId('edit-review'));

    const diff = await screen.findByTestId('diff-table');
    expect(diff).toHaveTextContent('Pool size');
    expect(diff).toHaveTextContent('10');
    expect(screen.getByTestId('extra-numbers')).toHaveTextContent('This buys 2 more numbers, billed monthly');
    await user.click(screen.getByTestId('edit-confirm'));

    await waitFor(() => expect(calls.some((c) => c.cmd === 'update_tracker')).toBe(true));
    expect(calls.find((c) => c.cmd === 'update_tracker')?.args).toEqual({
      connectionId: 'demo',
      accountId: 'ACC1',
      id: 'TRK5',
      confirmedNumbers: 2,
      changes: { name: null, destination: null, whisper: null, greeting: null, record_calls: null, sms_enabled: null, swap_targets: null, pool_size: 10 },
    });
  });
});

describe('toChanges', () => {
  it('leaves untouched fields null and clears a whisper with a blank', () => {
    const before = fromDetail(POOL);
    const changes = toChanges(before, { ...before, whisper: '', swap_targets: '(404) 555-0100, 404-555-0199' }, true);
    expect(changes).toEqual({
      name: null,
      destination: null,
      whisper: '',
      greeting: null,
      record_calls: null,
      sms_enabled: null,
      swap_targets: ['(404) 555-0100', '404-555-0199'],
      pool_size: null,
    });
  });
});
