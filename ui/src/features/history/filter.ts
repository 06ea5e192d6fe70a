import type { EntryState, HistoryFilter, JournalEntry, Operation } from '../../types';

/** The history table shows the newest entries only; an export writes every entry the filter selects. */
export const TABLE_LIMIT = 500;

/** The filter boxes as typed: '' means "any". Dates are the `<input type="date">` values (YYYY-MM-DD). */
export interface FilterValues {
  company: string;
  operation: '' | Operation;
  person: string;
  since: string;
  until: string;
}

export const NO_FILTERS: FilterValues = { company: '', operation: '', person: '', since: '', until: '' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The instant a local day starts, `days` after `day`, as the journal writes times (RFC 3339, UTC). */
function localMidnight(day: string, days = 0): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + days);
}

const utc = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * A day chosen in the date box, as bounds on `created_at`: the day as the person lives it (their
 * time zone, the one History shows times in), not a UTC day.
 */
export function dayStart(day: string): string | null {
  return DAY.test(day) ? utc(localMidnight(day)) : null;
}

export function dayEnd(day: string): string | null {
  return DAY.test(day) ? utc(new Date(localMidnight(day, 1).getTime() - 1000)) : null;
}

/** What the `history` and `export_history` commands are asked for. */
export function toHistoryFilter(v: FilterValues, trackerId?: string, limit: number | null = null): HistoryFilter {
  return {
    company_id: v.company || null,
    tracker_id: trackerId || null,
    operation: v.operation || null,
    person: v.person || null,
    since: dayStart(v.since),
    until: dayEnd(v.until),
    limit,
  };
}

export function hasFilters(v: FilterValues, trackerId?: string): boolean {
  return !!trackerId || Object.values(v).some(Boolean);
}

export const OPERATION_LABELS: Record<Operation, string> = { create: 'Create', update: 'Update', disable: 'Disable' };

/** Intended (a crash left it open) and unknown (the answer was lost) read the same to a person. */
export function stateView(state: EntryState): { label: string; color: string; unknown: boolean } {
  switch (state) {
    case 'succeeded':
      return { label: 'Succeeded', color: 'green', unknown: false };
    case 'failed':
      return { label: 'Failed', color: 'red', unknown: false };
    default:
      return { label: 'Outcome unknown', color: 'orange', unknown: true };
  }
}

export const UNKNOWN_TOOLTIP = 'The change was interrupted; Tracker Desk checks it against CallRail at start';

/** "Mar 1, 2024, 10:00 AM" in the person's time zone. */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A JSON body pretty-printed, or as it was when it is not JSON. */
export function pretty(text: string | null | undefined): string {
  if (text == null || text === '') return '(none)';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Whether the update an entry journaled asked for a new pool size (which a revert cannot undo). */
export function changedPoolSize(entry: Pick<JournalEntry, 'request'>): boolean {
  try {
    const asked = JSON.parse(entry.request) as { pool_size?: unknown } | null;
    return asked?.pool_size != null;
  } catch {
    return false;
  }
}
