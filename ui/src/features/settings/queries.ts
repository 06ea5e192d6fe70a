import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { commands } from '../../bindings';
import { keys, unwrap } from '../../api';
import { useLongWork } from '../../components/longWork';
import type { StoreInfo } from '../../types';

/**
 * Where the journal of changes (and the last-seen trackers) is kept right now, and whether a team's
 * store answers: asked again every 5 seconds while it does not (it comes back by itself), every
 * 30 while it does.
 */
export function useStoreInfo() {
  return useQuery({
    queryKey: keys.storeInfo,
    queryFn: () => unwrap(commands.storeInfo()),
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.kind === 'team' ? (q.state.data.warning ? 5_000 : 30_000) : false),
  });
}

/** After a switch the history and the last-seen trackers come from the other store. */
function useAfterSwitch() {
  const qc = useQueryClient();
  return (info: StoreInfo) => {
    qc.setQueryData(keys.storeInfo, info);
    void qc.invalidateQueries({ queryKey: keys.history });
    void qc.invalidateQueries({ queryKey: keys.trackersCache });
  };
}

export interface TeamStoreInput {
  uri: string;
  database: string;
  copyLocal: boolean;
}

/**
 * Checks the team's MongoDB, optionally copies this computer's history up (with its progress, and
 * Cancel), then keeps history there.
 */
export function useSwitchToTeam() {
  const after = useAfterSwitch();
  const copy = useLongWork();
  const mutation = useMutation({
    mutationFn: (v: TeamStoreInput) =>
      copy.run((work, channel) => unwrap(commands.useTeamStore(v.uri, v.database, v.copyLocal, work, channel))),
    onSuccess: after,
  });
  return { ...mutation, progress: copy.progress, cancel: copy.cancel };
}

/** Back to this computer's history; the team's connection string leaves the keyring. */
export function useSwitchToLocal() {
  const after = useAfterSwitch();
  return useMutation({ mutationFn: () => unwrap(commands.useLocalStore()), onSuccess: after });
}
