import { mockIPC } from '@tauri-apps/api/mocks';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { FilePlan, PlannedRow } from '../../types';
import { renderInApp } from '../../test/render';
import { BulkPanel } from './BulkPanel';

const planned = (line: number, over: Partial<PlannedRow> = {}): PlannedRow => ({
  line,
  action: 'create',
  tracker_id: null,
  name: `Store ${line}`,
  diff: [],
  numbers_bought: 1,
  numbers_released: 0,
  toll_free: false,
  errors: [],
  ...over,
});

function plan(rows: PlannedRow[]): FilePlan {
  const errors = rows.filter((r) => r.action === 'error').length;
  const creates = rows.filter((r) => r.action === 'create').length;
  return {
    id: 'plan-1',
    file_name: 'stores.csv',
    allow_disable: false,
    plan: {
      summary: {
        create: creates, update: 0, disable: 0, unchanged: 0, errors,
        numbers_bought: creates, numbers_released: 0, monthly_added: 3 * creates, monthly_saved: 0,
        requests: creates, requests_left_this_hour: 900, minutes_at_quota: 0,
      },
      rows,
    },
  };
}

describe('the Bulk screen', () => {
  it('says a file has errors and offers no apply; planned again, applies only once the numbers bought and released are typed', async () => {
    const plans = [
      plan([planned(2), planned(3, { action: 'error', numbers_bought: 0, errors: [{ line: 3, column: 'pool_size', message: 'between 4 and 50' }] })]),
      plan([planned(2), planned(3)]),
    ];
    mockIPC((cmd) => {
      if (cmd === 'quota') return { hour_used: 10, hour_limit: 1000, day_used: 10, day_limit: 10000, bulk_hour_limit: 900, bulk_day_limit: 9000 };
      if (cmd === 'bulk_runs') return [];
      if (cmd === 'bulk_open' || cmd === 'bulk_replan') return plans.shift();
      throw new Error(`unexpected ${cmd}`);
    });
    const user = userEvent.setup({ delay: null });
    renderInApp(<BulkPanel opened conn="conn-1" acc="ACC1" initial={null} onClose={() => {}} onHistory={() => {}} />);
    expect(await screen.findByTestId('bulk-quota')).toHaveTextContent('990 of 1000 this hour');
    await user.click(screen.getByTestId('bulk-open'));
    expect(await screen.findByTestId('bulk-file')).toHaveTextContent('1 row(s) with errors');
    // The rows themselves (virtualised: jsdom lays out none) are checked in the real window (e2e).
    expect(screen.queryByTestId('bulk-apply')).toBeNull();

    await user.click(screen.getByTestId('bulk-replan'));
    expect(await screen.findByTestId('bulk-file')).toHaveTextContent('2 row(s) to apply');
    expect(screen.getByTestId('bulk-bought')).toHaveTextContent('Buys 2 number(s): $6.00 a month more');
    const apply = screen.getByTestId('bulk-apply');
    expect(apply).toBeDisabled();
    await user.type(screen.getByTestId('bulk-confirm-bought'), '1');
    await user.type(screen.getByTestId('bulk-confirm-released'), '0');
    expect(apply).toBeDisabled();
    await user.clear(screen.getByTestId('bulk-confirm-bought'));
    await user.type(screen.getByTestId('bulk-confirm-bought'), '2');
    expect(apply).toBeEnabled();
  });
});

describe('a run another desk applies', () => {
  it('says who applies it and offers no resume', async () => {
    mockIPC((cmd) => {
      if (cmd === 'quota') return { hour_used: 10, hour_limit: 1000, day_used: 10, day_limit: 10000, bulk_hour_limit: 900, bulk_day_limit: 9000 };
      if (cmd === 'bulk_runs')
        return [
          {
            run: {
              id: 'run-1', created_at: '2026-11-30T10:00:00Z', updated_at: '2026-11-30T10:00:00Z', person: 'ana@desk1',
              connection_id: 'conn-1', account_id: 'ACC1', source: 'stores.csv', allow_disable: false, state: 'running',
              summary: plan([]).plan.summary, rows: 40, reason: null,
            },
            counts: { pending: 30, done: 10, not_done: 0, unknown: 0, changed: 0, cancelled: 0 },
            active: true,
            applied_by: 'Ana@mac until 2026-11-30T10:01:00Z',
          },
        ];
      throw new Error(`unexpected ${cmd}`);
    });
    renderInApp(<BulkPanel opened conn="conn-1" acc="ACC1" initial={null} onClose={() => {}} onHistory={() => {}} />);
    expect(await screen.findByTestId('bulk-elsewhere')).toHaveTextContent('being applied by Ana@mac until 2026-11-30T10:01:00Z');
    expect(screen.queryByTestId('bulk-unfinished')).toBeNull();
  });
});
