import { useQuery, useQueryClient } from '@tanstack/react-query';
import { commands, type TrackerListRequest_Deserialize } from '../../bindings';
import type { TableHead } from '../../types';
import { useLongWork } from '../../components/longWork';
import { keys, unwrap } from '../../api';
import type { Scope } from '../workspace/selection';
import { toRequest, type ListParams } from './listParams';

type Request = TrackerListRequest_Deserialize;

/** A table held in Rust as the window shows it: `lastSeen` marks the stored copy shown while CallRail is asked. */
export type ListHead = TableHead & { lastSeen?: true };

/** Two requests that differ in their page only: paging keeps the rows on screen, dimmed. */
function pageOnly(a: Request, b: Request): boolean {
  return JSON.stringify({ ...a, page: null }) === JSON.stringify({ ...b, page: null });
}

/**
 * The company's trackers from CallRail, held in Rust (the window asks for the rows it shows). Until
 * they arrive, the last-seen copy (read from this computer's or the team's store) stands in, so the
 * table is never empty while a copy exists. A table left is not kept here: going back reads again.
 */
export function useTrackerList(scope: Scope, params: ListParams) {
  const qc = useQueryClient();
  const request = toRequest(scope.company, params);
  const liveKey = [...keys.trackers(scope.conn, scope.acc, scope.company), request];
  const cached = useQuery({
    queryKey: keys.cachedTrackers(scope.conn, scope.acc, scope.company, request),
    queryFn: async (): Promise<ListHead | null> => {
      const head = await unwrap(commands.openCachedTable(scope.conn, scope.acc, request));
      return head && { ...head, lastSeen: true };
    },
    // Only worth reading while CallRail has not answered this request yet.
    enabled: qc.getQueryData(liveKey) === undefined,
    staleTime: 0,
    gcTime: 0,
  });
  const lastSeen = cached.data ?? undefined;
  // "All" reads every page with progress streamed from Rust, and can be stopped.
  const all = useLongWork();
  const list = useQuery({
    queryKey: liveKey,
    queryFn: (): Promise<ListHead> =>
      all.run((work, channel) => unwrap(commands.openTable(scope.conn, scope.acc, request, work, channel))),
    placeholderData: (prev, prevQuery) => {
      const prevRequest = prevQuery?.queryKey[4] as Request | undefined;
      if (prev && prevRequest && pageOnly(prevRequest, request)) return prev;
      return lastSeen ?? prev;
    },
    gcTime: 0,
  });
  const fromCache = list.isPlaceholderData && list.data?.lastSeen === true;
  // A live answer may itself be the stored copy: CallRail could not be reached.
  const offline = !fromCache && list.data?.offline === true;
  return { list, fromCache, offline, progress: request.all ? all.progress : null, cancelAll: all.cancel };
}
