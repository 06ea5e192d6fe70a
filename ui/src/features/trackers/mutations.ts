import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { commands, type TrackerListRequest_Deserialize } from '../../bindings';
import { keys, unwrap } from '../../api';
import type { TrackerChanges, TrackerForm, WriteDone } from '../../types';
import { tablesChanged } from './useTableWindow';
import type { ListHead } from './useTrackerList';
import type { Scope } from '../workspace/selection';

/**
 * After a write: the company's lists and its DNI info are stale; the tracker itself is what came back.
 * What went wrong after the write (a read-back, the journal) is shown too, without undoing its success.
 */
function useAfterWrite(scope: Scope) {
  const qc = useQueryClient();
  return ({ tracker, warnings }: WriteDone) => {
    for (const message of warnings) {
      notifications.show({ color: 'yellow', autoClose: false, title: 'Done, with a warning', message });
    }
    qc.setQueryData(keys.tracker(scope.conn, scope.acc, tracker.id), tracker);
    refreshLists(qc, scope);
    void qc.invalidateQueries({ queryKey: keys.dni(scope.conn, scope.acc, scope.company) });
  };
}

/**
 * Rust put the written tracker in each table of its company it holds (in place, or at the end of a
 * list of every tracker), so the windows are asked for again instead of reading thousands again. A
 * page of a list is read again: what the write changed may move trackers between pages.
 */
export function refreshLists(qc: QueryClient, scope: Scope) {
  tablesChanged();
  for (const [key, head] of qc.getQueriesData<ListHead>({ queryKey: keys.trackers(scope.conn, scope.acc, scope.company) })) {
    const request = key[4] as TrackerListRequest_Deserialize | undefined;
    if (!head || !request?.all || head.lastSeen) void qc.invalidateQueries({ queryKey: key, exact: true });
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
