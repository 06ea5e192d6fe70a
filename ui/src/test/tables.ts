import type { InvokeArgs } from '@tauri-apps/api/core';
import type { TableQuery, TableWindow, TrackerListRequest_Serialize } from '../bindings';
import type { TableHead, TrackerRow } from '../types';

/** A page of trackers as a test answers a listing with. */
export type TrackerPage = Omit<TableHead, 'table' | 'loaded'> & { rows: TrackerRow[] };

/*
 * A stand-in for the tables Rust holds, for the UI's tests over a mocked IPC: the tests answer the
 * old listing commands with pages, and this holds their rows and hands out windows as Rust does
 * (the search box's rules are Rust's: src-tauri/crates/desk-core/src/table.rs).
 */

const digitsOf = (s: string) => s.replace(/\D/g, '');

/**
 * One lowercase string per row holding what the search box matches: name, source, numbers, and each
 * number's digits apart, so that a run of digits never matches across two numbers of a pool.
 */
export function buildIndex(rows: readonly TrackerRow[]): string[] {
  return rows.map((r) => `${r.name}\n${r.source}\n${r.numbers.join(' ')}\n${r.numbers.map(digitsOf).join(' ')}`.toLowerCase());
}

const PHONE_CHARS = /^[\d()+\-.\s]+$/;

/**
 * Every word must appear. A whole query typed as a phone number ("(404) 555-0142") is one run of
 * digits; a single word that looks like part of a number is matched on its digits.
 */
export function terms(query: string): { words: string[]; digits: string[] } {
  const q = query.trim().toLowerCase();
  if (PHONE_CHARS.test(q) && digitsOf(q).length >= 3) return { words: [], digits: [digitsOf(q)] };
  const words: string[] = [];
  const digits: string[] = [];
  for (const t of q.split(/\s+/).filter(Boolean)) {
    if (PHONE_CHARS.test(t) && /\d/.test(t)) digits.push(digitsOf(t));
    else words.push(t);
  }
  return { words, digits };
}

/**
 * The rows that match. When the digits matched a pool number other than the first, the row comes
 * back with that number first, so the table shows the number that matched rather than "+3".
 */
export function filterRows(rows: readonly TrackerRow[], index: readonly string[], query: string): TrackerRow[] {
  const { words, digits } = terms(query);
  if (words.length === 0 && digits.length === 0) return rows as TrackerRow[];
  const out: TrackerRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const hay = index[i];
    if (!words.every((w) => hay.includes(w)) || !digits.every((d) => hay.includes(d))) continue;
    const row = rows[i];
    const at = digits.length ? row.numbers.findIndex((n) => digits.every((d) => digitsOf(n).includes(d))) : -1;
    out.push(at > 0 ? { ...row, numbers: [row.numbers[at], ...row.numbers.filter((_, j) => j !== at)] } : row);
  }
  return out;
}

const LABEL: Record<string, (r: TrackerRow) => string> = {
  name: (r) => r.name.toLowerCase(),
  type: (r) => r.type,
  numbers: (r) => r.numbers[0] ?? '',
  destination: (r) => r.destination ?? '',
  source: (r) => r.source,
  recording: (r) => (r.recording ? 'On' : 'Off'),
  status: (r) => r.status,
  created: (r) => r.created_at ?? '',
};

/** The rows a query shows, in its order. */
export function view(rows: readonly TrackerRow[], q: TableQuery): TrackerRow[] {
  const kept = filterRows(rows, buildIndex(rows), q.text ?? '').filter(
    (r) => (!q.status || r.status === q.status) && (!q.type || r.type === q.type),
  );
  const byName = (a: TrackerRow, b: TrackerRow) => LABEL.name(a).localeCompare(LABEL.name(b));
  const key = LABEL[q.sort ?? 'name'];
  kept.sort((a, b) => key(a).localeCompare(key(b), undefined, { numeric: true, sensitivity: 'base' }) || byName(a, b));
  if (q.order === 'desc') kept.reverse();
  return kept;
}

/** What the page asked of the tables: each window, and each table let go. */
export interface TableCalls {
  windows: { table: number; query: TableQuery; start: number; count: number }[];
  closed: number[];
}

type Handler = (cmd: string, args?: InvokeArgs) => unknown;

/**
 * Wraps a mocked IPC that answers `list_trackers`, `list_all_trackers` (for `request.all`) and
 * `cached_trackers` with pages, so that the screen's table commands are answered from them.
 */
export function withTables(handler: Handler, seen: TableCalls = { windows: [], closed: [] }): Handler {
  const held = new Map<number, TrackerRow[]>();
  let next = 0;
  const hold = (page: TrackerPage | null): TableHead | null => {
    if (!page) return null;
    next += 1;
    held.set(next, page.rows);
    const { rows, ...rest } = page;
    return { ...rest, table: next, loaded: rows.length };
  };
  const rowsOf = (args: Record<string, unknown>) => {
    const rows = held.get(args.table as number);
    if (!rows) throw { kind: 'NotFound', data: { message: 'this list was let go' } };
    return view(rows, args.query as TableQuery);
  };
  return (cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    switch (cmd) {
      case 'open_table': {
        const request = args.request as TrackerListRequest_Serialize;
        const page = handler(request.all ? 'list_all_trackers' : 'list_trackers', payload);
        return page instanceof Promise ? page.then((p) => hold(p as TrackerPage)) : hold(page as TrackerPage);
      }
      case 'open_cached_table': {
        const page = handler('cached_trackers', payload);
        return page instanceof Promise ? page.then((p) => hold(p as TrackerPage | null)) : hold(page as TrackerPage | null);
      }
      case 'table_rows': {
        seen.windows.push({ table: args.table as number, query: args.query as TableQuery, start: args.start as number, count: args.count as number });
        const shown = rowsOf(args);
        const start = args.start as number;
        return { shown: shown.length, start, rows: shown.slice(start, start + (args.count as number)) } satisfies TableWindow;
      }
      case 'table_ids': {
        const start = args.start as number;
        return rowsOf(args)
          .slice(start, start + (args.count as number))
          .map((r) => r.id);
      }
      case 'close_table':
        seen.closed.push(args.table as number);
        held.delete(args.table as number);
        return null;
      default:
        return handler(cmd, payload);
    }
  };
}
