import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Channel } from '@tauri-apps/api/core';
import { useCallback, useState } from 'react';
import { commands } from '../../bindings';
import { keys, unwrap } from '../../api';
import type { RunCounts, RunEvent, RunRow, RunView } from '../../types';

/** What is left of the account's CallRail requests; read again every half minute while shown. */
export function useQuota(conn: string, acc: string) {
  return useQuery({
    queryKey: keys.quota(conn, acc),
    queryFn: () => unwrap(commands.quota(conn, acc)),
    refetchInterval: 30_000,
  });
}

export function useBulkRuns() {
  return useQuery({
    queryKey: keys.bulkRuns,
    queryFn: () => unwrap(commands.bulkRuns()),
    staleTime: 0,
  });
}

type RunChannel = Parameters<typeof commands.bulkResume>[1];

/** A run as it is applied: the rows ended so far, the counts, and what it waits on. */
export interface LiveRun {
  runId: string;
  total: number;
  counts: RunCounts;
  rows: RunRow[];
  waiting: { until: string; reason: string } | null;
  /** Set once it stopped: finished, paused or cancelled. */
  ended: RunView | null;
}

/**
 * Applies (or resumes) a run with its progress streamed from Rust through a `Channel`. The result
 * is kept until the next run starts; afterwards the trackers, History and quota are read again.
 */
export function useRunner() {
  const qc = useQueryClient();
  const [live, setLive] = useState<LiveRun | null>(null);
  const [error, setError] = useState<unknown>(null);

  const start = useCallback(
    async (call: (channel: RunChannel) => Promise<RunView>) => {
      setError(null);
      setLive(null);
      const channel: RunChannel = new Channel();
      // The generated binding types a channel by the Rust type's deserialize side; what arrives is
      // what Rust serialized.
      channel.onmessage = (message) => {
        const e = message as unknown as RunEvent;
        setLive((prev) => {
          switch (e.kind) {
            case 'started':
              return { runId: e.run.id, total: e.run.rows, counts: e.counts, rows: [], waiting: null, ended: null };
            case 'row':
              return prev && { ...prev, counts: e.counts, waiting: null, rows: [...prev.rows, e.row] };
            case 'waiting':
              return prev && { ...prev, waiting: { until: e.until, reason: e.reason } };
            case 'stopped':
              return prev && { ...prev, counts: e.counts, waiting: null, ended: { run: e.run, counts: e.counts, active: false, applied_by: null } };
          }
        });
      };
      try {
        await call(channel);
      } catch (e) {
        setError(e);
      } finally {
        void qc.invalidateQueries({ queryKey: ['trackers'] });
        void qc.invalidateQueries({ queryKey: keys.history });
        void qc.invalidateQueries({ queryKey: keys.bulkRuns });
        void qc.invalidateQueries({ queryKey: ['quota'] });
      }
    },
    [qc],
  );

  return { live, error, start, clear: () => setLive(null) };
}

export const stopRun = (runId: string, cancel: boolean) => unwrap(commands.bulkStop(runId, cancel));
