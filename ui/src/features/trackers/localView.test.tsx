import { QueryClient } from '@tanstack/react-query';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { mockIPC } from '@tauri-apps/api/mocks';
import { describe, expect, it } from 'vitest';
import type { TrackerListRequest_Serialize } from '../../bindings';
import { keys } from '../../api';
import { row } from '../../test/fixtures';
import { renderInApp, scope } from '../../test/render';
import { DEFAULT_PARAMS, localView, toRequest } from './listParams';
import { patchLists } from './mutations';
import { TrackersScreen } from './TrackersScreen';
import type { ListPage } from './useTrackerList';

const ROWS = [
  row(1, { name: 'Bravo', type: 'source', status: 'active' }),
  row(2, { name: 'alpha', type: 'session', status: 'active' }),
  row(3, { name: 'Charlie', type: 'source', status: 'disabled' }),
];

describe('every tracker loaded ("All")', () => {
  it('is asked of CallRail once, whatever the filters, and filtered and ordered here', () => {
    const all = { ...DEFAULT_PARAMS, perPage: 'all' as const };
    expect(toRequest('COM1', { ...all, status: 'disabled', type: 'session', order: 'desc' })).toEqual(toRequest('COM1', all));
    expect(localView(ROWS, { ...all, status: 'all' }).map((r) => r.name)).toEqual(['alpha', 'Bravo', 'Charlie']);
    expect(localView(ROWS, { ...all, status: 'active', order: 'desc' }).map((r) => r.name)).toEqual(['Bravo', 'alpha']);
    expect(localView(ROWS, { ...all, status: 'all', type: 'source' }).map((r) => r.name)).toEqual(['Bravo', 'Charlie']);
  });

  it('changes status in the table without a new request', async () => {
    const requests: TrackerListRequest_Serialize[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'cached_trackers') return null;
      if (cmd !== 'list_trackers' && cmd !== 'list_all_trackers') throw new Error(`unexpected ${cmd}`);
      requests.push((args as { request: TrackerListRequest_Serialize }).request);
      return { rows: ROWS, page: 1, per_page: 3, total_pages: 1, total_records: 3, offline: false, seen_at: null };
    });
    renderInApp(<TrackersScreen scope={scope} />);
    fireEvent.change(await screen.findByTestId('per-page'), { target: { value: 'all' } });
    await waitFor(() => expect(screen.getByTestId('row-count')).toHaveTextContent(/^2 of 3 shown/));
    const asked = requests.length;
    fireEvent.change(screen.getByTestId('status-filter'), { target: { value: 'all' } });
    await waitFor(() => expect(screen.getByTestId('row-count')).toHaveTextContent(/^3 shown/));
    expect(requests).toHaveLength(asked);
  });

  it('takes a written tracker in place, and a new one at its end, without reading them again', () => {
    const qc = new QueryClient();
    const all = [...keys.trackers(scope.conn, scope.acc, scope.company), toRequest(scope.company, { ...DEFAULT_PARAMS, perPage: 'all' })];
    const paged = [...keys.trackers(scope.conn, scope.acc, scope.company), toRequest(scope.company, DEFAULT_PARAMS)];
    const page: ListPage = { rows: ROWS, page: 1, per_page: 3, total_pages: 1, total_records: 3, offline: false, seen_at: null };
    qc.setQueryData(all, page);
    qc.setQueryData(paged, page);
    patchLists(qc, scope, { ...ROWS[1], name: 'alpha 2' });
    patchLists(qc, scope, row(9, { name: 'New one' }));
    expect(qc.getQueryData<ListPage>(all)?.rows.map((r) => r.name)).toEqual(['Bravo', 'alpha 2', 'Charlie', 'New one']);
    expect(qc.getQueryState(all)?.isInvalidated).toBe(false);
    expect(qc.getQueryState(paged)?.isInvalidated).toBe(true);
  });
});
