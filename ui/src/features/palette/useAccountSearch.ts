import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { keys, unwrap } from '../../api';
import { commands } from '../../bindings';

/**
 * Account-wide search for `term`: the last-seen copies answer at once; CallRail, read whole at most
 * once in two minutes by the Rust side, answers behind them once the person pauses typing.
 */
export function useAccountSearch(conn: string, acc: string, term: string) {
  const trimmed = term.trim();
  const [settled] = useDebouncedValue(trimmed, 400);
  const enabled = trimmed.length >= 2;
  const lastSeen = useQuery({
    queryKey: keys.accountSearch(conn, acc, trimmed, false),
    queryFn: () => unwrap(commands.searchAccount(conn, acc, trimmed, false)),
    enabled,
    placeholderData: (previous) => previous,
  });
  const live = useQuery({
    queryKey: keys.accountSearch(conn, acc, settled, true),
    queryFn: () => unwrap(commands.searchAccount(conn, acc, settled, true)),
    enabled: enabled && settled === trimmed,
    staleTime: 60_000,
    retry: false,
  });
  const current = live.data && settled === trimmed ? live.data : lastSeen.data;
  return {
    enabled,
    result: enabled ? current : undefined,
    checking: enabled && (settled !== trimmed || live.isFetching),
    error: live.error ?? lastSeen.error,
  };
}
