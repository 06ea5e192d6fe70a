import type { TrackerRow } from '../../types';

/** "(404) 555-1000" for a source tracker, "(404) 555-1000 +7" for a pool of eight. */
export function numbersSummary(row: Pick<TrackerRow, 'numbers'>): string {
  const [first, ...rest] = row.numbers;
  if (!first) return '—';
  return rest.length ? `${first} +${rest.length}` : first;
}

export function typeLabel(type: string): string {
  if (type === 'source') return 'Source';
  if (type === 'session') return 'Session';
  return 'Other';
}

export function statusLabel(status: string): string {
  if (status === 'active') return 'Active';
  if (status === 'disabled') return 'Disabled';
  return 'Other';
}

/** CallRail sends ISO timestamps; show the day in the person's locale. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function onOff(v: boolean): string {
  return v ? 'On' : 'Off';
}
