import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { commands, type TableQuery } from '../../bindings';
import { isIpcFailure, unwrap } from '../../api';
import type { TrackerRow } from '../../types';

/** Rows are asked of Rust in blocks of this many; only the blocks near the view are kept. */
export const BLOCK = 50;
const KEPT_AROUND = 2;

interface Held {
  key: string;
  shown: number;
  blocks: Map<number, TrackerRow[]>;
}

/**
 * The rows of a table held in Rust that the window shows: `setRange` says which rows are in view,
 * and the blocks around them are asked for under `query`. A new query keeps the rows on screen
 * until its own arrive. `onGone` is told when Rust no longer holds the table (read it again).
 */
export function useTableWindow(table: number | undefined, query: TableQuery, onGone: () => void) {
  const version = useTablesVersion();
  const key = JSON.stringify([table, query, version]);
  const [held, setHeld] = useState<Held | null>(null);
  const [range, setRange] = useState({ first: 0, last: BLOCK - 1 });
  const asked = useRef(new Set<string>());
  // What an answer arriving later is checked against.
  const latest = useRef(key);
  const gone = useRef(onGone);
  useEffect(() => {
    latest.current = key;
    gone.current = onGone;
  });

  useEffect(() => {
    if (table === undefined) return;
    const firstBlock = Math.floor(range.first / BLOCK);
    const lastBlock = Math.floor(range.last / BLOCK);
    for (let b = firstBlock; b <= lastBlock; b++) {
      if (held?.key === key && held.blocks.has(b)) continue;
      const tag = `${key}#${b}`;
      if (asked.current.has(tag)) continue;
      asked.current.add(tag);
      unwrap(commands.tableRows(table, query, b * BLOCK, BLOCK)).then(
        (w) => {
          asked.current.delete(tag);
          if (latest.current !== key) return;
          setHeld((h) => {
            const blocks = new Map(h?.key === key ? h.blocks : []);
            blocks.set(b, w.rows);
            for (const k of [...blocks.keys()]) {
              if (k < firstBlock - KEPT_AROUND || k > lastBlock + KEPT_AROUND) blocks.delete(k);
            }
            return { key, shown: w.shown, blocks };
          });
        },
        (e: unknown) => {
          asked.current.delete(tag);
          if (latest.current === key && isIpcFailure(e) && e.error.kind === 'NotFound') gone.current();
        },
      );
    }
    // `query` is part of `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, table, range.first, range.last, held]);

  const rowAt = useCallback((i: number) => held?.blocks.get(Math.floor(i / BLOCK))?.[i % BLOCK], [held]);
  const onRange = useCallback((first: number, last: number) => {
    setRange((r) => (r.first === first && r.last === last ? r : { first, last }));
  }, []);
  return { shown: held?.shown, rowAt, onRange, current: held?.key === key };
}

/** The ids of rows `start..start + count` the query shows (a Shift range, or every row shown). */
export function tableIds(table: number, query: TableQuery, start: number, count: number): Promise<string[]> {
  return unwrap(commands.tableIds(table, query, start, count));
}

// Rust patches its tables after each write the desk makes: the windows are asked for again.
let version = 0;
const listeners = new Set<() => void>();

/** The tables changed in Rust (a write was patched into them). */
export function tablesChanged() {
  version += 1;
  for (const l of listeners) l();
}

function useTablesVersion(): number {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => version,
  );
}

// A table the window stops showing is let go once the effects of the commit have run, unless it is
// shown again in it (React's checks mount a component twice in development, in one go).
const holders = new Map<number, number>();

/** Keeps table `id` in Rust while the component shows it. */
export function useHeldTable(id: number | undefined) {
  useEffect(() => {
    if (id === undefined) return;
    holders.set(id, (holders.get(id) ?? 0) + 1);
    return () => {
      holders.set(id, (holders.get(id) ?? 1) - 1);
      queueMicrotask(() => {
        if ((holders.get(id) ?? 0) > 0) return;
        holders.delete(id);
        // Nothing to tell the person when it fails: Rust lets go of the oldest tables by itself.
        commands.closeTable(id).catch(() => undefined);
      });
    };
  }, [id]);
}
