import { withTables } from '../../test/tables';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TrackerListRequest_Serialize } from '../../bindings';
import { row } from '../../test/fixtures';
import { renderInApp, scope } from '../../test/render';
import { TrackersScreen } from './TrackersScreen';

const ROWS = [
  row(1, { name: 'Alpha', destination: '(770) 555-0003', source: 'Offline' }),
  row(2, { name: 'Bravo', destination: '(404) 555-0001', source: 'Direct' }),
  row(3, { name: 'Charlie', destination: '(678) 555-0002', source: 'Bing' }),
];

function setup(totalPages = 1) {
  const requests: TrackerListRequest_Serialize[] = [];
  mockIPC(withTables((cmd, args) => {
    if (cmd === 'cached_trackers') return null;
    if (cmd !== 'list_trackers') throw new Error(`unexpected ${cmd}`);
    requests.push((args as { request: TrackerListRequest_Serialize }).request);
    return { rows: ROWS, page: 1, per_page: 3, total_pages: totalPages, total_records: 3 * totalPages, offline: false, seen_at: null };
  }));
  const view = renderInApp(<TrackersScreen scope={scope} />);
  return { requests, view, user: userEvent.setup({ delay: null }) };
}

const names = () => screen.getAllByTestId('tracker-row').map((r) => r.getAttribute('data-name'));
const header = (id: string) => screen.getByTestId(`sort-${id}`).closest('[role="columnheader"]')!;

describe('the trackers table’s columns', () => {
  beforeEach(() => localStorage.clear());

  it('orders the rows by any column, says which, and keeps it for the company', async () => {
    const { requests, view, user } = setup();
    await screen.findAllByTestId('tracker-row');
    await waitFor(() => expect(names()).toEqual(['Alpha', 'Bravo', 'Charlie']));
    expect(header('name')).toHaveAttribute('aria-sort', 'ascending');

    await user.click(screen.getByTestId('sort-destination'));
    await waitFor(() => expect(names()).toEqual(['Bravo', 'Charlie', 'Alpha']));
    expect(header('destination')).toHaveAttribute('aria-sort', 'ascending');
    expect(header('name')).not.toHaveAttribute('aria-sort');
    await user.click(screen.getByTestId('sort-destination'));
    await waitFor(() => expect(names()).toEqual(['Alpha', 'Charlie', 'Bravo']));
    expect(header('destination')).toHaveAttribute('aria-sort', 'descending');
    // CallRail orders by name only: it is never asked again for another column's order.
    const asked = requests.length;
    await user.click(screen.getByTestId('sort-source'));
    await waitFor(() => expect(names()).toEqual(['Charlie', 'Bravo', 'Alpha']));
    expect(requests).toHaveLength(asked);
    expect(requests.every((r) => r.order === 'asc')).toBe(true);
    expect(screen.getByTestId('sort-order')).toHaveDisplayValue(/Source/);

    view.unmount();
    setup();
    await screen.findAllByTestId('tracker-row');
    await waitFor(() => expect(names()).toEqual(['Charlie', 'Bravo', 'Alpha']));
    expect(header('source')).toHaveAttribute('aria-sort', 'ascending');
  });

  it('says that another column orders one page only, and goes back to names from the Sort box', async () => {
    const { requests, user } = setup(3);
    await screen.findAllByTestId('tracker-row');
    expect(screen.queryByTestId('sort-scope')).toBeNull();
    await user.click(screen.getByTestId('sort-type'));
    expect(screen.getByTestId('sort-scope')).toHaveTextContent(/within this page/);
    fireEvent.change(screen.getByTestId('sort-order'), { target: { value: 'desc' } });
    await waitFor(() => expect(requests.at(-1)?.order).toBe('desc'));
    expect(screen.queryByTestId('sort-scope')).toBeNull();
    expect(header('name')).toHaveAttribute('aria-sort', 'descending');
  });

  it('resizes a column by keyboard, keeps the width, and gives the usual one back on a double click', async () => {
    const { view, user } = setup();
    await screen.findAllByTestId('tracker-row');
    const grip = screen.getByRole('separator', { name: 'Width of Name' });
    const usual = Number(grip.getAttribute('aria-valuenow'));
    grip.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(grip).toHaveAttribute('aria-valuenow', String(usual + 32));
    const row = screen.getAllByTestId('tracker-row')[0];
    expect(row.style.gridTemplateColumns.split(' ')[1]).toBe(`${usual + 32}px`);

    view.unmount();
    setup();
    await screen.findAllByTestId('tracker-row');
    const again = screen.getByRole('separator', { name: 'Width of Name' });
    expect(again).toHaveAttribute('aria-valuenow', String(usual + 32));
    await user.dblClick(again);
    expect(again).toHaveAttribute('aria-valuenow', String(usual));
    // The tick box has no grip, and nothing else in the header is a separator.
    expect(within(screen.getByTestId('trackers-table')).getAllByRole('separator')).toHaveLength(8);
  });
});
