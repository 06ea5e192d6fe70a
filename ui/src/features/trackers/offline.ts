import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import type { TableHead } from '../../types';

/** Shown on every write button while CallRail is out of reach. */
export const OFFLINE_WHY =
  "CallRail can't be reached: creating, editing and disabling are paused until the connection is back. Nothing is queued.";

/** Whether the newest trackers list CallRail was asked for on this connection came back as the last-seen copy. */
function offlineNow(qc: QueryClient, conn: string): boolean {
  let at = -1;
  let offline = false;
  for (const q of qc.getQueryCache().findAll({ queryKey: ['trackers', conn] })) {
    const head = q.state.data as TableHead | undefined;
    if (head && q.state.dataUpdatedAt > at) {
      at = q.state.dataUpdatedAt;
      offline = head.offline === true;
    }
  }
  return offline;
}

/** True while the connection's live trackers list is the last-seen copy: writes are refused then. */
export function useOffline(conn: string | undefined): boolean {
  const qc = useQueryClient();
  const subscribe = useCallback((onChange: () => void) => qc.getQueryCache().subscribe(onChange), [qc]);
  return useSyncExternalStore(subscribe, () => (conn ? offlineNow(qc, conn) : false));
}
