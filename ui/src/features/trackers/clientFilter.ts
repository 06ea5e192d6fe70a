import { useMemo } from 'react';
import type { TrackerRow } from '../../types';

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

/** The rows the search box lets through. */
export function useClientFilter(rows: readonly TrackerRow[], query: string): TrackerRow[] {
  const index = useMemo(() => buildIndex(rows), [rows]);
  return useMemo(() => filterRows(rows, index, query), [rows, index, query]);
}
