import { mockIPC } from '@tauri-apps/api/mocks';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { JOURNAL } from '../../test/journal';
import { renderInApp } from '../../test/render';
import type { Company, TrackerForm } from '../../types';
import { RECREATE_NOTE } from '../create/CreateTrackerModal';
import { dayEnd, dayStart } from './filter';
import { HistoryPanel } from './HistoryPanel';

const COMPANIES: Company[] = [
  { id: 'COM1', name: 'Acme Plumbing', active: true, time_zone: null, dni_active: true },
  { id: 'COM2', name: 'Bright Dental', active: true, time_zone: null, dni_active: null },
];

const RECREATED: TrackerForm = {
  kind: 'source',
  company_id: 'COM1',
  name: 'Old billboard',
  destination: '(404) 555-0100',
  area_code: '470',
  toll_free: false,
  pool_size: null,
  source: { kind: 'offline', landing: null, referrer: null, search_engine: null, search_type: null },
  whisper: 'Billboard call',
  greeting: null,
  record_calls: true,
  sms_enabled: false,
  swap_targets: [],
  campaign_name: 'Spring',
};

const REVERT = { name: 'Website pool', destination: null, whisper: null, greeting: null, record_calls: null, pool_size: null, swap_targets: null, sms_enabled: null };

function setup(answers: { exported?: number | null } = {}) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    switch (cmd) {
      case 'list_companies':
        return COMPANIES;
      case 'history':
        return JOURNAL;
      case 'export_history':
        return answers.exported === undefined ? 5 : answers.exported;
      case 'reconcile_journal':
        return [JOURNAL[2]];
      case 'recreate_form':
        return RECREATED;
      case 'check_tracker':
        return { errors: [], numbers_to_provision: 1, cost_line: 'This provisions 1 number (area code 470), billed monthly by CallRail.' };
      case 'revert_changes':
        return REVERT;
      case 'preview_update':
        return { changes: [{ field: 'name', label: 'Name', before: 'Spring pool', after: 'Website pool' }], extra_numbers: 0 };
      case 'update_tracker':
        return { tracker: { id: 'TRK5', name: 'Website pool' }, reconciled: null, warnings: [] };
      default:
        throw new Error(`unexpected ${cmd}`);
    }
  });
  renderInApp(<HistoryPanel opened onShowAll={() => undefined} onClose={() => undefined} />);
  const filters = () => calls.filter((c) => c.cmd === 'history').map((c) => c.args.filter);
  return { calls, filters, user: userEvent.setup({ delay: null }) };
}

const rowOf = (id: string) => screen.getAllByTestId('history-row').find((r) => r.dataset.id === id) as HTMLElement;

describe('history table', () => {
  it('shows each entry with its state, company and operation, and opens its detail', async () => {
    const { user } = setup();
    await waitFor(() => expect(screen.getAllByTestId('history-row')).toHaveLength(6));
    const intended = rowOf('E3');
    expect(intended).toHaveAttribute('data-state', 'intended');
    expect(intended).toHaveAttribute('data-operation', 'create');
    expect(intended).toHaveTextContent('Outcome unknown');
    expect(intended).toHaveTextContent('Bright Dental');
    expect(within(intended).getByTestId('history-reconcile').tagName).toBe('BUTTON');
    expect(rowOf('E1')).toHaveTextContent('Outcome unknown');
    expect(rowOf('E2')).toHaveTextContent('Failed');
    // Another account's company: its id, not a name.
    expect(rowOf('E2')).toHaveTextContent('COM99');
    const update = rowOf('E5');
    expect(update).toHaveAttribute('data-tracker-id', 'TRK5');
    expect(update).toHaveTextContent('Succeeded');
    expect(update).toHaveTextContent('Acme Plumbing');
    expect(within(update).getByTestId('history-revert')).toBeEnabled();
    expect(within(rowOf('E4')).getByTestId('history-recreate')).toBeEnabled();
    // Only a succeeded update can be reverted, and another account's entry is not written from here.
    expect(within(rowOf('E2')).queryByTestId('history-revert')).not.toBeInTheDocument();
    const elsewhere = within(rowOf('E0')).getByTestId('history-revert');
    expect(elsewhere).toBeDisabled();
    expect(elsewhere).toHaveAccessibleDescription('Switch to the connection and account this change was made in first');

    await user.click(update);
    const detail = await screen.findByTestId('history-entry-detail');
    expect(within(detail).getByTestId('history-entry-request').textContent).toBe(
      JSON.stringify({ name: 'Spring pool', pool_size: 10 }, null, 2),
    );
    expect(within(detail).getByTestId('history-entry-after')).toHaveTextContent('"name": "Spring pool"');
    await user.click(within(update).getByTestId('history-expand'));
    expect(screen.queryByTestId('history-entry-detail')).not.toBeInTheDocument();
  });

  it('checks interrupted changes on request, and reads the journal again', async () => {
    const { calls, filters, user } = setup();
    await user.click(await within(await waitFor(() => rowOf('E3'))).findByTestId('history-reconcile'));
    await waitFor(() => expect(calls.some((c) => c.cmd === 'reconcile_journal')).toBe(true));
    await waitFor(() => expect(filters().length).toBeGreaterThan(1));
  });
});

describe('history filters and export', () => {
  it('send the HistoryFilter the boxes say', async () => {
    const { filters, user } = setup();
    await waitFor(() => expect(screen.getAllByTestId('history-row')).toHaveLength(6));
    expect(filters()[0]).toEqual({ company_id: null, tracker_id: null, operation: null, person: null, since: null, until: null, limit: 500 });

    const company = screen.getByTestId('history-company');
    expect(company.tagName).toBe('SELECT');
    await user.selectOptions(company, 'COM1');
    await user.selectOptions(screen.getByTestId('history-operation'), 'update');
    await user.selectOptions(screen.getByTestId('history-person'), 'ben @ laptop');
    // Nothing chosen reads as nothing chosen.
    const dates = screen.getByTestId('history-dates');
    expect(dates).toHaveTextContent('Any day');
    await user.click(dates);
    const month = new Date();
    const day = (d: number) => new Date(month.getFullYear(), month.getMonth(), d);
    const label = (d: number) => dayjs(day(d)).format('D MMMM YYYY');
    await user.click(await screen.findByRole('button', { name: label(1) }));
    await user.click(screen.getByRole('button', { name: label(3) }));
    await waitFor(() => expect(dates).toHaveTextContent(`${dayjs(day(1)).format('MMM D, YYYY')} – ${dayjs(day(3)).format('MMM D, YYYY')}`));

    // Local days (the tests run in New York): from the 1st's local midnight to the 3rd's last second.
    await waitFor(() =>
      expect(filters().at(-1)).toEqual({
        company_id: 'COM1',
        tracker_id: null,
        operation: 'update',
        person: 'ben @ laptop',
        since: day(1).toISOString().replace('.000Z', 'Z'),
        until: new Date(day(4).getTime() - 1000).toISOString().replace('.000Z', 'Z'),
        limit: 500,
      }),
    );
    expect((filters().at(-1) as { since: string }).since).toMatch(/T0[45]:00:00Z$/);
  });

  it('exports what the filters select, and says how many were saved', async () => {
    const { calls, user } = setup();
    await user.selectOptions(await screen.findByTestId('history-operation'), 'disable');
    await user.click(screen.getByTestId('history-export-csv'));
    expect(await screen.findByText('Saved 5 entries')).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === 'export_history')?.args).toEqual({
      format: 'csv',
      filter: { company_id: null, tracker_id: null, operation: 'disable', person: null, since: null, until: null, limit: null },
    });
  });

  it('says nothing when the save dialog was cancelled', async () => {
    const { calls, user } = setup({ exported: null });
    await user.click(await screen.findByTestId('history-export-json'));
    await waitFor(() => expect(calls.find((c) => c.cmd === 'export_history')?.args.format).toBe('json'));
    expect(screen.getByTestId('history-export-result')).toHaveTextContent('');
  });
});

describe('recreate and revert from history', () => {
  it('recreates a disabled tracker in the create form, prefilled, with the new-numbers note', async () => {
    const { calls, user } = setup();
    await user.click(await within(await waitFor(() => rowOf('E4'))).findByTestId('history-recreate'));
    expect(await screen.findByTestId('recreate-note')).toHaveTextContent(RECREATE_NOTE);
    expect(calls.find((c) => c.cmd === 'recreate_form')?.args).toEqual({ connectionId: 'demo', accountId: 'ACC1', trackerId: 'TRK7' });
    expect(screen.getByTestId('field-name')).toHaveValue('Old billboard');
    expect(screen.getByTestId('field-area-code')).toHaveValue('470');
    expect(screen.getByTestId('field-whisper')).toHaveValue('Billboard call');
    expect(screen.getByTestId('field-campaign')).toHaveValue('Spring');

    // The rest is a normal create: the Rust check, the cost, the confirmation.
    await user.click(screen.getByTestId('form-submit'));
    expect(await screen.findByTestId('confirm-create')).toHaveTextContent('Buy 1 number and create');
  });

  it('reverts an update through the review of preview_update, and confirms with update_tracker', async () => {
    const { calls, filters, user } = setup();
    await user.click(await within(await waitFor(() => rowOf('E5'))).findByTestId('history-revert'));
    const diff = await screen.findByTestId('diff-table');
    expect(diff).toHaveTextContent('Spring pool');
    expect(diff).toHaveTextContent('Website pool');
    expect(screen.getByTestId('revert-pool-note')).toHaveTextContent('pool size cannot be reverted');
    expect(calls.find((c) => c.cmd === 'revert_changes')?.args).toEqual({ entryId: 'E5' });
    expect(calls.find((c) => c.cmd === 'preview_update')?.args).toEqual({ connectionId: 'demo', accountId: 'ACC1', id: 'TRK5', changes: REVERT });
    const reads = filters().length;

    await user.click(screen.getByTestId('edit-confirm'));
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === 'update_tracker')?.args).toEqual({
        connectionId: 'demo',
        accountId: 'ACC1',
        id: 'TRK5',
        changes: REVERT,
        confirmedNumbers: 0,
      }),
    );
    await waitFor(() => expect(screen.queryByTestId('diff-table')).not.toBeInTheDocument());
    await waitFor(() => expect(filters().length).toBeGreaterThan(reads));
  });
});

describe('local days', () => {
  it('bound a day where the person lives, across a change of clocks', () => {
    // New York moved its clocks forward on 8 March 2026: that day has 23 hours.
    expect(dayStart('2026-03-08')).toBe('2026-03-08T05:00:00Z');
    expect(dayEnd('2026-03-08')).toBe('2026-03-09T03:59:59Z');
    expect(dayStart('2026-13-40x')).toBeNull();
  });
});
