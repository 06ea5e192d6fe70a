import { useEffect, useMemo } from 'react';
import type { TrackerRow } from '../../types';

/** One lowercase string per row holding what the search box matches: name, source, numbers. */
export function buildIndex(rows: readonly TrackerRow[]): string[] {
  return rows.map((r) => {
    const numbers = r.numbers.join(' ');
    return `${r.name}\n${r.source}\n${numbers}\n${numbers.replace(/\D/g, '')}`.toLowerCase();
  });
}

/** Every word must appear; a word that looks like part of a phone number is matched on its digits. */
function terms(query: string): string[] {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => (/^[\d()+\-.]+$/.test(t) && /\d/.test(t) ? t.replace(/\D/g, '') : t));
}

export function filterRows(rows: readonly TrackerRow[], index: readonly string[], query: string): TrackerRow[] {
  const words = terms(query);
  if (words.length === 0) return rows as TrackerRow[];
  const out: TrackerRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const hay = index[i];
    if (words.every((w) => hay.includes(w))) out.push(rows[i]);
  }
  return out;
}

/** The rows the search box lets through, timed for the end-to-end report (window.__trackerDesk). */
export function useClientFilter(rows: readonly TrackerRow[], query: string): TrackerRow[] {
  const index = useMemo(() => buildIndex(rows), [rows]);
  const result = useMemo(() => {
    const started = performance.now();
    const filtered = filterRows(rows, index, query);
    return { filtered, ms: performance.now() - started };
  }, [rows, index, query]);
  useEffect(() => {
    window.__trackerDesk = { ...window.__trackerDesk, lastFilterMs: result.ms, rowCount: result.filtered.length };
  }, [result]);
  return result.filtered;
}
