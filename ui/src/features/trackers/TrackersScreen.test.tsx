import { mockIPC } from '@tauri-apps/api/mocks';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { withTables } from '../../test/tables';
import { describe, expect, it } from 'vitest';
import type { Channel } from '@tauri-apps/api/core';
import type { ListProgress, TrackerListRequest_Serialize } from '../../bindings';
import { detail, row } from '../../test/fixtures';
import { renderInApp, scope } from '../../test/render';
import { buildIndex, filterRows, type TableCalls } from '../../test/tables';
import { TrackersScreen } from './TrackersScreen';

const ALL = Array.from({ length: 10_000 }, (_, i) => row(i + 1));

function setup() {
  const requests: TrackerListRequest_Serialize[] = [];
  const tables: TableCalls = { windows: [], closed: [] };
  mockIPC(withTables((cmd, args) => {
    if (cmd === 'cached_trackers') return null;
    if (cmd !== 'list_trackers' && cmd !== 'list_all_trackers') throw new Error(`unexpected ${cmd}`);
    const req = (args as { request: TrackerListRequest_Serialize }).request;
    // "All" is asked through its own command, which streams its progress.
    if (req.all !== (cmd === 'list_all_trackers')) throw new Error(`${cmd} asked with all=${req.all}`);
    requests.push(req);
    const rows = req.all ? ALL : ALL.slice(0, req.per_page ?? 100);
    return { rows, page: 1, per_page: rows.length, total_pages: req.all ? 1 : 100, total_records: ALL.length, offline: false, seen_at: null };
  }, tables));
  const view = renderInApp(<TrackersScreen scope={scope} />);
  return { requests, tables, view, user: userEvent.setup({ delay: null }) };
}

describe('trackers table', () => {
  it('asks CallRail for active trackers of the company, 100 per page, sorted by name', async () => {
    const { requests } = setup();
    expect(await screen.findAllByTestId('tracker-row')).not.toHaveLength(0);
    expect(requests[0]).toEqual({
      company_id: 'COM1',
      status: 'active',
      type: null,
      search: null,
      order: 'asc',
      page: 1,
      per_page: 100,
      all: false,
    });
  });

  it('renders only a window of 10,000 rows and filters them as the person types', async () => {
    const { user, requests } = setup();
    fireEvent.change(await screen.findByTestId('per-page'), { target: { value: 'all' } });
    await waitFor(() => expect(requests.at(-1)?.all).toBe(true));
    await waitFor(() => expect(screen.getByTestId('row-count')).toHaveTextContent('10,000 shown'));

    const rendered = screen.getAllByTestId('tracker-row');
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(60);
    expect(rendered[0]).toHaveAttribute('data-id', 'TRK1');
    expect(rendered[0]).toHaveAttribute('data-name', 'Billboard 00001');
    // The grid tells assistive technology how many rows it has, the header row included.
    expect(screen.getByRole('grid', { name: 'Trackers' })).toHaveAttribute('aria-rowcount', '10001');

    const query = 'billboard 0424';
    const expected = filterRows(ALL, buildIndex(ALL), query);
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.length).toBeLessThan(13);
    await user.type(screen.getByTestId('tracker-search'), query);
    await waitFor(() => expect(screen.getAllByTestId('tracker-row')).toHaveLength(expected.length));
    expect(screen.getAllByTestId('tracker-row').map((r) => r.dataset.id)).toEqual(expected.map((r) => r.id));
    expect(screen.getByTestId('row-count')).toHaveTextContent(`${expected.length} of 10,000 shown`);
    expect(screen.getByRole('grid', { name: 'Trackers' })).toHaveAttribute('aria-rowcount', String(expected.length + 1));
    // Typing filters here only; nothing more was asked of CallRail.
    expect(requests.filter((r) => r.search)).toHaveLength(0);
  });

  it('holds in the page only the rows in view: Rust is asked for a window, and the table is let go when left', async () => {
    const { user, tables, view } = setup();
    fireEvent.change(await screen.findByTestId('per-page'), { target: { value: 'all' } });
    await waitFor(() => expect(screen.getByTestId('row-count')).toHaveTextContent('10,000 shown'));
    const table = tables.windows.at(-1)!.table;
    const handed = () => tables.windows.filter((w) => w.table === table).reduce((n, w) => n + w.count, 0);
    expect(handed()).toBeLessThanOrEqual(150);
    // End goes to the last row: only the blocks around it are asked for.
    screen.getAllByTestId('tracker-row')[0].focus();
    await user.keyboard('{End}');
    // jsdom does not scroll: move the scroller as a window would.
    const scroller = screen.getByTestId('trackers-table');
    scroller.scrollTop = 9_999 * 44;
    fireEvent.scroll(scroller);
    await waitFor(() => expect(screen.getAllByTestId('tracker-row').map((r) => r.dataset.name)).toContain('Website pool 10000'));
    expect(handed()).toBeLessThanOrEqual(300);
    // Each keystroke asks Rust, with the words typed so far.
    await user.type(screen.getByTestId('tracker-search'), 'bill');
    await waitFor(() => expect(tables.windows.at(-1)?.query).toMatchObject({ text: 'bill', sort: 'name', order: 'asc' }));
    view.unmount();
    await waitFor(() => expect(tables.closed).toContain(table), { timeout: 3_000 });
  });

  it('sends the search to CallRail on Enter', async () => {
    const { user, requests } = setup();
    await user.type(await screen.findByTestId('tracker-search'), 'google{Enter}');
    await waitFor(() => expect(requests.at(-1)).toMatchObject({ search: 'google', page: 1 }));
  });

  it('says when nothing matches, and clears the filters', async () => {
    const { user } = setup();
    await user.type(await screen.findByTestId('tracker-search'), 'zzz-nothing');
    expect(await screen.findByTestId('trackers-empty')).toHaveTextContent('No trackers match “zzz-nothing”');
    await user.click(screen.getByTestId('clear-filters'));
    expect(screen.getByTestId('tracker-search')).toHaveValue('');
    expect(screen.getAllByTestId('tracker-row').length).toBeGreaterThan(0);
  });
});

describe('searching one page of many, refreshing, and the kept view', () => {
  it('says the box searches this page only, and offers all of CallRail when nothing matches', async () => {
    const { user, requests } = setup();
    await user.type(await screen.findByTestId('tracker-search'), 'zzz-nothing');
    expect(await screen.findByTestId('search-scope')).toHaveTextContent('Searching the 100 trackers on this page only');
    expect(screen.getByTestId('trackers-empty')).toHaveTextContent('Only this page was searched');
    await user.click(screen.getByTestId('search-all'));
    await waitFor(() => expect(requests.at(-1)).toMatchObject({ search: 'zzz-nothing', page: 1 }));
    // Once CallRail was asked, the note goes.
    await waitFor(() => expect(screen.queryByTestId('search-scope')).not.toBeInTheDocument());
  });

  it('refreshes on the button and says when the list was updated', async () => {
    const { user, requests } = setup();
    expect(await screen.findByTestId('updated-at')).toHaveTextContent('updated just now');
    const before = requests.length;
    await user.click(screen.getByTestId('refresh-list'));
    await waitFor(() => expect(requests.length).toBe(before + 1));
    expect(requests.at(-1)).toEqual(requests[before - 1]);
  });

  it("keeps each company's view across a remount (a switch or a restart)", async () => {
    const { requests } = setup();
    fireEvent.change(await screen.findByTestId('status-filter'), { target: { value: 'disabled' } });
    fireEvent.change(screen.getByTestId('per-page'), { target: { value: '25' } });
    await waitFor(() => expect(requests.at(-1)).toMatchObject({ status: 'disabled', per_page: 25 }));
    cleanup();
    const again = setup();
    await waitFor(() => expect(again.requests[0]).toMatchObject({ status: 'disabled', per_page: 25, page: 1 }));
    expect(screen.getByTestId('status-filter')).toHaveValue('disabled');
  });
});

describe('"All", read page by page', () => {
  it('shows how far it got, and Cancel stops it and goes back to the view before', async () => {
    const calls: { cmd: string; args: Record<string, unknown> }[] = [];
    mockIPC(withTables((cmd, raw) => {
      const args = raw as Record<string, unknown>;
      calls.push({ cmd, args });
      if (cmd === 'cached_trackers') return null;
      if (cmd === 'cancel_work') return null;
      if (cmd === 'list_trackers') return { rows: ALL.slice(0, 25), page: 1, per_page: 25, total_pages: 400, total_records: 10_000, offline: false, seen_at: null };
      if (cmd === 'list_all_trackers') {
        // Rust streams each page through the channel; this one never finishes until stopped.
        (args.onProgress as Channel<ListProgress>).onmessage({ done: 3, total: 41 });
        return new Promise((_, reject) => {
          const stop = setInterval(() => {
            if (calls.some((c) => c.cmd === 'cancel_work')) {
              clearInterval(stop);
              reject({ kind: 'Cancelled', data: { message: 'stopped before it finished, as asked' } });
            }
          }, 10);
        });
      }
      throw new Error(`unexpected ${cmd}`);
    }));
    renderInApp(<TrackersScreen scope={scope} />);
    const user = userEvent.setup({ delay: null });
    fireEvent.change(await screen.findByTestId('per-page'), { target: { value: '25' } });
    fireEvent.change(screen.getByTestId('per-page'), { target: { value: 'all' } });
    expect(await screen.findByTestId('all-progress')).toHaveTextContent('Page 3 of 41');
    expect(screen.getByRole('progressbar', { name: 'Reading every tracker' })).toHaveAttribute('aria-valuenow', String((100 * 3) / 41));
    await user.click(screen.getByTestId('all-progress-cancel'));
    const work = calls.find((c) => c.cmd === 'list_all_trackers')?.args.work;
    expect(calls.find((c) => c.cmd === 'cancel_work')?.args).toEqual({ work });
    await waitFor(() => expect(screen.getByTestId('per-page')).toHaveValue('25'));
    await waitFor(() => expect(screen.queryByTestId('all-progress')).not.toBeInTheDocument());
    expect(screen.queryByTestId('error-banner')).not.toBeInTheDocument();
  });
});

describe('the table by keyboard', () => {
  it('moves with arrows, Page Up/Down, Home and End, and orders by name from its header', async () => {
    const { user, requests } = setup();
    fireEvent.change(await screen.findByTestId('per-page'), { target: { value: 'all' } });
    await waitFor(() => expect(screen.getByTestId('row-count')).toHaveTextContent('10,000 shown'));
    const focused = () => (document.activeElement as HTMLElement | null)?.dataset.index;
    screen.getAllByTestId('tracker-row')[0].focus();
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(focused()).toBe('1'));
    // 600 px of rows at 44 px is 13 rows; a page moves 11 so that one stays in view.
    await user.keyboard('{PageDown}');
    await waitFor(() => expect(focused()).toBe('12'));
    await user.keyboard('{PageUp}');
    await waitFor(() => expect(focused()).toBe('1'));
    // jsdom does not scroll (scrollTo does nothing there): move the scroller as a window would.
    const scrollTo = (top: number) => {
      const scroller = screen.getByTestId('trackers-table');
      scroller.scrollTop = top;
      fireEvent.scroll(scroller);
    };
    await user.keyboard('{End}');
    scrollTo(9_999 * 44);
    await waitFor(() => expect(focused()).toBe('9999'));
    await user.keyboard('{Home}');
    scrollTo(0);
    await waitFor(() => expect(focused()).toBe('0'));

    const grid = screen.getByRole('grid', { name: 'Trackers' });
    const name = within(grid).getByRole('columnheader', { name: /Name/ });
    expect(name).toHaveAttribute('aria-sort', 'ascending');
    await user.click(screen.getByTestId('sort-name'));
    await waitFor(() => expect(name).toHaveAttribute('aria-sort', 'descending'));
    expect(screen.getAllByTestId('tracker-row')[0]).toHaveAttribute('data-id', 'TRK10000');
    // "All" orders on this side: CallRail is not asked again.
    expect(requests.filter((r) => r.all)).toHaveLength(1);
  });
});

describe("a row's context menu", () => {
  function withMenu() {
    const calls: { cmd: string; args: Record<string, unknown> }[] = [];
    const pool = { ...row(3), numbers: ['(404) 555-0101', '(404) 555-0102'], type: 'session' as const, pool_size: 2 };
    mockIPC(withTables((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === 'cached_trackers') return null;
      if (cmd === 'list_trackers') return { rows: [row(1), pool], page: 1, per_page: 100, total_pages: 1, total_records: 2, offline: false, seen_at: null };
      if (cmd === 'get_tracker') return detail({ id: 'TRK3', name: pool.name, numbers: pool.numbers });
      if (cmd === 'plugin:clipboard-manager|write_text') return null;
      throw new Error(`unexpected ${cmd}`);
    }));
    renderInApp(<TrackersScreen scope={scope} />);
    return { calls, user: userEvent.setup({ delay: null }) };
  }

  it('copies the numbers and opens Edit from a right click, and opens by keyboard (Shift+F10)', async () => {
    const { calls, user } = withMenu();
    const [, pool] = await screen.findAllByTestId('tracker-row');
    fireEvent.contextMenu(pool, { clientX: 200, clientY: 150 });
    await user.click(await screen.findByTestId('row-menu-copy'));
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === 'plugin:clipboard-manager|write_text')?.args).toMatchObject({
        text: '(404) 555-0101, (404) 555-0102',
      }),
    );

    fireEvent.contextMenu(pool, { clientX: 200, clientY: 150 });
    await user.click(await screen.findByTestId('row-menu-edit'));
    expect(await screen.findByTestId('edit-review')).toBeInTheDocument();
    expect(calls).toContainEqual({ cmd: 'get_tracker', args: { connectionId: scope.conn, accountId: scope.acc, id: 'TRK3' } });
    await user.click(screen.getByTestId('form-cancel'));

    pool.focus();
    await user.keyboard('{Shift>}{F10}{/Shift}');
    expect(await screen.findByTestId('row-menu')).toHaveAccessibleName(`Actions for ${row(3).name}`);
  });
});

describe('client-side filter', () => {
  const rows = [row(1), row(5), row(2)];
  const index = buildIndex(rows);
  it('matches name, source and numbers, digits alone or formatted', () => {
    expect(filterRows(rows, index, 'website').map((r) => r.id)).toEqual(['TRK5']);
    expect(filterRows(rows, index, 'OFFLINE').map((r) => r.id)).toEqual(['TRK1']);
    expect(filterRows(rows, index, '4705551001').map((r) => r.id)).toEqual(['TRK1']);
    expect(filterRows(rows, index, '(470) 555-1002').map((r) => r.id)).toEqual(['TRK2']);
    expect(filterRows(rows, index, '')).toHaveLength(3);
  });

  it('never matches digits across two pool numbers, and shows the pool number that matched', () => {
    const pool = { ...row(7), numbers: ['(404) 555-0141', '(404) 555-0142', '(404) 555-0143'] };
    const index = buildIndex([pool]);
    // "0141" ends the first number and "4045" starts the second.
    expect(filterRows([pool], index, '01414045')).toEqual([]);
    const [found] = filterRows([pool], index, '(404) 555-0143');
    expect(found.numbers[0]).toBe('(404) 555-0143');
    expect(found.numbers).toHaveLength(3);
    expect(filterRows([pool], index, '555 0142 ')[0].numbers[0]).toBe('(404) 555-0142');
  });
});
