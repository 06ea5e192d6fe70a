import { mockIPC } from '@tauri-apps/api/mocks';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { withTables } from '../../test/tables';
import { describe, expect, it } from 'vitest';
import type { FilePlan } from '../../types';
import { row } from '../../test/fixtures';
import { renderInApp, scope } from '../../test/render';
import { TrackersScreen } from './TrackersScreen';

const ROWS = Array.from({ length: 8 }, (_, i) => row(i + 1));

function setup() {
  const asked: unknown[] = [];
  const plans: FilePlan[] = [];
  mockIPC(withTables((cmd, args) => {
    if (cmd === 'cached_trackers') return null;
    if (cmd === 'list_trackers') {
      return { rows: ROWS, page: 1, per_page: 100, total_pages: 1, total_records: ROWS.length, offline: false, seen_at: null };
    }
    if (cmd === 'bulk_plan_selection') {
      asked.push(args);
      return { file_name: 'plan', allow_disable: true, plan: { summary: {}, rows: [] } };
    }
    throw new Error(`unexpected ${cmd}`);
  }));
  renderInApp(<TrackersScreen scope={scope} onBulkPlan={(p) => plans.push(p)} />);
  return { asked, plans, user: userEvent.setup({ delay: null }) };
}

const ticks = () => screen.getAllByTestId('row-check') as HTMLInputElement[];

describe('ticking trackers for a change to many', () => {
  it('ticks one, a Shift+click range, or every row shown, and a tick never opens the tracker', async () => {
    const { user } = setup();
    await screen.findAllByTestId('tracker-row');
    expect(screen.queryByTestId('selection-bar')).toBeNull();
    await user.click(ticks()[1]);
    expect(screen.getByTestId('selection-count')).toHaveTextContent('1 selected');
    await user.keyboard('{Shift>}');
    await user.click(ticks()[4]);
    await user.keyboard('{/Shift}');
    expect(screen.getByTestId('selection-count')).toHaveTextContent('4 selected');
    expect(ticks().map((t) => t.checked)).toEqual([false, true, true, true, true, false, false, false]);
    expect(screen.queryByTestId('tracker-detail')).toBeNull();

    await user.click(screen.getByTestId('check-all'));
    expect(screen.getByTestId('selection-count')).toHaveTextContent(`${ROWS.length} selected`);
    await user.click(screen.getByTestId('check-all'));
    expect(screen.queryByTestId('selection-bar')).toBeNull();
  });

  it('asks for the number, then plans the change of the ticked trackers only', async () => {
    const { asked, plans, user } = setup();
    await screen.findAllByTestId('tracker-row');
    await user.click(ticks()[0]);
    await user.click(ticks()[2]);
    await user.click(screen.getByTestId('selection-destination'));
    const plan = await screen.findByTestId('selection-plan');
    expect(plan).toBeDisabled();
    await user.type(screen.getByTestId('selection-number'), '(404) 555-0177');
    await user.click(plan);
    await waitFor(() => expect(plans).toHaveLength(1));
    expect(asked[0]).toMatchObject({
      companyId: 'COM1',
      ids: [ROWS[0].id, ROWS[2].id],
      change: { kind: 'destination', number: '(404) 555-0177' },
    });
  });
});
