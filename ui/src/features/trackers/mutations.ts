import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { commands, type TrackerListRequest_Deserialize } from '../../bindings';
import { keys, unwrap } from '../../api';
import type { TrackerChanges, TrackerForm, TrackerRow, WriteDone } from '../../types';
import type { ListPage } from './useTrackerList';
import type { Scope } from '../workspace/selection';

/**
 * After a write: the company's lists and its DNI info are stale; the tracker itself is what came back.
 * What went wrong after the write (a read-back, the journal) is shown too, without undoing its success.
 */
function useAfterWrite(scope: Scope) {
  const qc = useQueryClient();
  return ({ tracker, row, warnings }: WriteDone) => {
    for (const message of warnings) {
      notifications.show({ color: 'yellow', autoClose: false, title: 'Done, with a warning', message });
    }
    qc.setQueryData(keys.tracker(scope.conn, scope.acc, tracker.id), tracker);
    patchLists(qc, scope, row);
    void qc.invalidateQueries({ queryKey: keys.dni(scope.conn, scope.acc, scope.company) });
  };
}

/**
 * A list of every tracker ("All") takes the written tracker in place, or at its end for a new one
 * (the table orders and filters what is loaded), instead of reading thousands again. A page of a
 * list is read again: what the write changed may move trackers between pages.
 */
export function patchLists(qc: QueryClient, scope: Scope, row: TrackerRow) {
  for (const [key, page] of qc.getQueriesData<ListPage>({ queryKey: keys.trackers(scope.conn, scope.acc, scope.company) })) {
    const request = key[4] as TrackerListRequest_Deserialize | undefined;
    if (!page || !request?.all || page.lastSeen) {
      void qc.invalidateQueries({ queryKey: key, exact: true });
      continue;
    }
    const at = page.rows.findIndex((r) => r.id === row.id);
    const rows = at >= 0 ? page.rows.map((r, i) => (i === at ? row : r)) : [...page.rows, row];
    qc.setQueryData<ListPage>(key, { ...page, rows });
  }
}

/** Every write is journaled, whether it worked, failed or was lost: History is stale either way. */
function useRefreshHistory() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: keys.history });
}

export function useCreateTracker(scope: Scope) {
  const after = useAfterWrite(scope);
  const refreshHistory = useRefreshHistory();
  return useMutation({
    mutationFn: (v: { form: TrackerForm; numbers: number }) =>
      unwrap(commands.createTracker(scope.conn, scope.acc, v.form, v.numbers)),
    onSuccess: after,
    onSettled: refreshHistory,
  });
}

export function usePreviewUpdate(scope: Scope, id: string) {
  return useMutation({
    mutationFn: (changes: TrackerChanges) => unwrap(commands.previewUpdate(scope.conn, scope.acc, id, changes)),
  });
}

export function useUpdateTracker(scope: Scope, id: string) {
  const after = useAfterWrite(scope);
  const refreshHistory = useRefreshHistory();
  return useMutation({
    mutationFn: (v: { changes: TrackerChanges; extra: number }) =>
      unwrap(commands.updateTracker(scope.conn, scope.acc, id, v.changes, v.extra)),
    onSuccess: after,
    onSettled: refreshHistory,
  });
}

export function useDisableTracker(scope: Scope, id: string) {
  const after = useAfterWrite(scope);
  const refreshHistory = useRefreshHistory();
  return useMutation({
    mutationFn: (typedName: string) => unwrap(commands.disableTracker(scope.conn, scope.acc, id, typedName)),
    onSuccess: after,
    onSettled: refreshHistory,
  });
}
