import { mockIPC } from '@tauri-apps/api/mocks';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderInApp } from '../../test/render';
import type { FilePlan, TrackerUsage, UsageReport } from '../../types';
import { UsagePanel } from './UsagePanel';

const totals = (o: Partial<UsageReport['account']> = {}) => ({
  trackers: 0, numbers: 0, calls: 0, monthly: 0, idle_trackers: 0, idle_numbers: 0, saving: 0, pool_saving: 0, ...o,
});

const tracker = (o: Partial<TrackerUsage>): TrackerUsage => ({
  id: 'TRK', name: 'T', company_id: 'COM1', company_name: 'Acme Plumbing', session: false, numbers: ['(404) 555-0101'],
  calls: 0, answered: 0, numbers_never_called: [], monthly: 3, idle: false, created_at: '2025-01-01T00:00:00Z', pool: null, ...o,
});

const REPORT: UsageReport = {
  days: 30,
  first_day: '2026-11-01',
  last_day: '2026-11-30',
  prices: { local: 3, toll_free: 5 },
  companies: [
    { id: 'COM1', name: 'Acme Plumbing', ...totals({ trackers: 3, numbers: 3, calls: 4, monthly: 11, idle_trackers: 2, idle_numbers: 2, saving: 8 }) },
    { id: 'COM2', name: 'Bright Dental', ...totals({ trackers: 1, numbers: 1, calls: 9, monthly: 3 }) },
    { id: 'COM3', name: 'Zen Yoga', ...totals({ trackers: 2, numbers: 2, monthly: 6, idle_trackers: 1, idle_numbers: 1, saving: 3, pool_saving: 9 }) },
  ],
  trackers: [
    tracker({ id: 'TRK1', name: 'Idle billboard', idle: true }),
    tracker({ id: 'TRK2', name: 'Idle toll-free', idle: true, numbers: ['(888) 555-0102'], monthly: 5 }),
    tracker({ id: 'TRK3', name: 'Called billboard', calls: 4, answered: 3 }),
  ],
  account: totals({ trackers: 6, numbers: 6, calls: 13, monthly: 20, idle_trackers: 3, idle_numbers: 3, saving: 11, pool_saving: 9 }),
  requests: 3,
  incomplete: null,
};

function setup() {
  const asked: Record<string, unknown>[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'usage_prices') return { local: 3, toll_free: 5 };
    if (cmd === 'set_usage_prices') {
      const { prices } = args as { prices: { local: number; toll_free: number } };
      asked.push({ cmd, prices });
      if (prices.toll_free > 1000) {
        throw { kind: 'Validation', data: { errors: [{ field: 'toll_free', message: "a number's price is from $0 to $1000 a month" }] } };
      }
      return prices;
    }
    if (cmd === 'usage_report') {
      asked.push(args as Record<string, unknown>);
      return REPORT;
    }
    if (cmd === 'bulk_plan_selection') {
      asked.push({ cmd, ...(args as Record<string, unknown>) });
      return { file_name: 'plan', allow_disable: true, plan: { summary: {}, rows: [] } };
    }
    throw new Error(`unexpected ${cmd}`);
  });
  const plans: FilePlan[] = [];
  renderInApp(<UsagePanel opened conn="c1" acc="ACC1" onClose={() => {}} onBulkPlan={(p) => plans.push(p)} />);
  return { asked, plans, user: userEvent.setup({ delay: null }) };
}

const companyNames = () => screen.getAllByTestId('usage-company').map((r) => r.getAttribute('data-name'));

describe('Costs and usage', () => {
  it('lists the companies most to save first, and orders them by another column on request', async () => {
    const { asked, user } = setup();
    await screen.findByTestId('usage-summary');
    expect(asked[0]).toMatchObject({ connectionId: 'c1', accountId: 'ACC1', companies: [], days: 30 });
    expect(screen.getByTestId('usage-summary')).toHaveTextContent('$20.00 a month for 6 numbers');
    expect(screen.getByTestId('usage-summary')).toHaveTextContent('3 idle trackers');
    // Zen Yoga saves $12 (an idle tracker and a smaller pool), Acme Plumbing $8, Bright Dental nothing.
    expect(companyNames()).toEqual(['Zen Yoga', 'Acme Plumbing', 'Bright Dental']);
    await user.click(screen.getByTestId('usage-sort-name'));
    expect(companyNames()).toEqual(['Acme Plumbing', 'Bright Dental', 'Zen Yoga']);
  });

  it('plans disabling a company’s idle trackers, and only those ticked', async () => {
    const { asked, plans, user } = setup();
    await user.click(within(await screen.findByTestId('usage-companies')).getByText('Acme Plumbing'));
    const detail = screen.getByTestId('usage-company-detail');
    expect(detail).toHaveAttribute('data-company', 'Acme Plumbing');
    const rows = within(detail).getAllByTestId('usage-idle-row').map((r) => r.getAttribute('data-name'));
    expect(rows).toEqual(['Idle billboard', 'Idle toll-free']);
    expect(within(detail).getByTestId('usage-disable')).toHaveTextContent('Disable these 2…');
    await user.click(within(detail).getByRole('checkbox', { name: 'Tick Idle toll-free' }));
    expect(within(detail).getByTestId('usage-disable')).toHaveTextContent('Disable these 1…');
    expect(detail).toHaveTextContent('Saves $3.00 a month');
    await user.click(within(detail).getByTestId('usage-disable'));
    await waitFor(() => expect(plans).toHaveLength(1));
    expect(asked.find((a) => a.cmd === 'bulk_plan_selection')).toMatchObject({
      companyId: 'COM1',
      ids: ['TRK1'],
      change: { kind: 'disable' },
      prices: { local: 3, toll_free: 5 },
    });
  });

  it('asks again for the window chosen', async () => {
    const { asked, user } = setup();
    await screen.findByTestId('usage-summary');
    await user.click(screen.getByText('Last 90 days'));
    await waitFor(() => expect(asked.at(-1)).toMatchObject({ days: 90 }));
  });

  it('keeps new prices and reads the report again; a price out of range is refused beside its box', async () => {
    const { asked, user } = setup();
    await screen.findByTestId('usage-summary');
    const reports = () => asked.filter((a) => a.days !== undefined).length;
    const before = reports();
    const local = screen.getByTestId('price-local');
    await user.clear(local);
    await user.type(local, '3.5');
    await user.tab();
    await waitFor(() => expect(asked.find((a) => a.cmd === 'set_usage_prices')).toMatchObject({ prices: { local: 3.5, toll_free: 5 } }));
    await waitFor(() => expect(reports()).toBe(before + 1));
    const tollFree = screen.getByTestId('price-toll-free');
    await user.clear(tollFree);
    await user.type(tollFree, '5000');
    await user.tab();
    expect(await screen.findByText("a number's price is from $0 to $1000 a month")).toBeInTheDocument();
  });
});
