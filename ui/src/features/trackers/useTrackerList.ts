import { useQuery, useQueryClient } from '@tanstack/react-query';
import { commands, type TrackerListRequest_Deserialize } from '../../bindings';
import { useLongWork } from '../../components/longWork';
import { keys, unwrap } from '../../api';
import type { TrackerPage } from '../../types';
import type { Scope } from '../workspace/selection';
import { toRequest, type ListParams } from './listParams';

type Request = TrackerListRequest_Deserialize;

/** A page as the table shows it: `lastSeen` marks the stored copy shown while CallRail is asked. */
export type ListPage = TrackerPage & { lastSeen?: true };

/** Two requests that differ in their page only: paging keeps the rows on screen, dimmed. */
function pageOnly(a: Request, b: Request): boolean {
  return JSON.stringify({ ...a, page: null }) === JSON.stringify({ ...b, page: null });
}

/**
 * The company's trackers from CallRail. Until they arrive, the last-seen copy (read from this
 * computer's or the team's store) stands in, so the table is never empty while a copy exists.
 */
export function useTrackerList(scope: Scope, params: ListParams) {
  const qc = useQueryClient();
  const request = toRequest(scope.company, params);
  const liveKey = [...keys.trackers(scope.conn, scope.acc, scope.company), request];
  const cached = useQuery({
    queryKey: keys.cachedTrackers(scope.conn, scope.acc, scope.company, request),
    queryFn: async (): Promise<ListPage | null> => {
      const page = await unwrap(commands.cachedTrackers(scope.conn, scope.acc, request));
      return page && { ...page, lastSeen: true };
    },
    // Only worth reading while CallRail has not answered this request yet.
    enabled: qc.getQueryData(liveKey) === undefined,
    staleTime: 0,
  });
  const lastSeen = cached.data ?? undefined;
  // "All" reads every page with progress streamed from Rust, and can be stopped.
  const all = useLongWork();
  const list = useQuery({
    queryKey: liveKey,
    queryFn: (): Promise<ListPage> =>
      request.all
        ? all.run((work, channel) => unwrap(commands.listAllTrackers(scope.conn, scope.acc, request, work, channel)))
        : unwrap(commands.listTrackers(scope.conn, scope.acc, request)),
    placeholderData: (prev, prevQuery) => {
      const prevRequest = prevQuery?.queryKey[4] as Request | undefined;
      if (prev && prevRequest && pageOnly(prevRequest, request)) return prev;
      return lastSeen ?? prev;
    },
  });
  const fromCache = list.isPlaceholderData && list.data?.lastSeen === true;
  // A live answer may itself be the stored copy: CallRail could not be reached.
  const offline = !fromCache && list.data?.offline === true;
  return { list, fromCache, offline, progress: all.progress, cancelAll: all.cancel };
}
