import { useQuery } from '@tanstack/react-query';
import { commands } from '../../bindings';
import { keys, unwrap } from '../../api';
import type { Scope } from '../workspace/selection';

export function useTracker(scope: Scope, id: string | undefined) {
  return useQuery({
    queryKey: keys.tracker(scope.conn, scope.acc, id ?? ''),
    queryFn: () => unwrap(commands.getTracker(scope.conn, scope.acc, id ?? '')),
    enabled: !!id,
  });
}
