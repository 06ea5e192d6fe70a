import { QueryClient } from '@tanstack/react-query';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { mockIPC } from '@tauri-apps/api/mocks';
import { withTables } from '../../test/tables';
import { describe, expect, it } from 'vitest';
import type { TrackerListRequest_Serialize } from '../../bindings';
import { keys } from '../../api';
import { row } from '../../test/fixtures';
import { renderInApp, scope } from '../../test/render';
import { DEFAULT_PARAMS, toQuery, toRequest } from './listParams';
import { refreshLists } from './mutations';
import { TrackersScreen } from './TrackersScreen';
import type { ListHead } from './useTrackerList';

const ROWS = [
  row(1, { name: 'Bravo', type: 'source', status: 'active' }),
  row(2, { name: 'alpha', type: 'session', status: 'active' }),
  row(3, { name: 'Charlie', type: 'source', status: 'disabled' }),
];

describe('every tracker loaded ("All")', () => {
  it('is asked of CallRail once, whatever the filters, which Rust then applies to the rows it holds', () => {
    const all = { ...DEFAULT_PARAMS, perPage: 'all' as const };
    expect(toRequest('COM1', { ...all, status: 'disabled', type: 'session', order: 'desc' })).toEqual(toRequest('COM1', all));
    expect(toQuery({ ...all, status: 'disabled', type: 'session', order: 'desc' }, 'north')).toEqual({
      text: 'north',
      status: 'disabled',
      type: 'session',
      sort: 'name',
      order: 'desc',
    });
    // A page was filtered by CallRail: Rust is asked only for the search box and the order.
    expect(toQuery({ ...DEFAULT_PARAMS, type: 'session' }, '')).toMatchObject({ status: null, type: null });
  });

  it('changes status in the table without a new request', async () => {
    const requests: TrackerListRequest_Serialize[] = [];
    mockIPC(withTables((cmd, args) => {
      if (cmd === 'cached_trackers') return null;
      if (cmd !== 'list_trackers' && cmd !== 'list_all_trackers') throw new Error(`unexpected ${cmd}`);
      requests.push((args as { request: TrackerListRequest_Serialize }).request);
      return { rows: ROWS, page: 1, per_page: 3, total_pages: 1, total_records: 3, offline: false, seen_at: null };
    }));
    renderInApp(<TrackersScreen scope={scope} />);
    fireEvent.change(await screen.findByTestId('per-page'), { target: { value: 'all' } });
    await waitFor(() => expect(screen.getByTestId('row-count')).toHaveTextContent(/^2 of 3 shown/));
    const asked = requests.length;
    fireEvent.change(screen.getByTestId('status-filter'), { target: { value: 'all' } });
    await waitFor(() => expect(screen.getByTestId('row-count')).toHaveTextContent(/^3 shown/));
    expect(requests).toHaveLength(asked);
  });

  it('after a write asks Rust for the windows again, and CallRail for a page again', () => {
    const qc = new QueryClient();
    const all = [...keys.trackers(scope.conn, scope.acc, scope.company), toRequest(scope.company, { ...DEFAULT_PARAMS, perPage: 'all' })];
    const paged = [...keys.trackers(scope.conn, scope.acc, scope.company), toRequest(scope.company, DEFAULT_PARAMS)];
    const head: ListHead = { table: 1, loaded: 3, page: 1, per_page: 3, total_pages: 1, total_records: 3, offline: false, seen_at: null };
    qc.setQueryData(all, head);
    qc.setQueryData(paged, { ...head, table: 2 });
    refreshLists(qc, scope);
    expect(qc.getQueryState(all)?.isInvalidated).toBe(false);
    expect(qc.getQueryState(paged)?.isInvalidated).toBe(true);
  });
});
