import type { TrackerListRequest_Deserialize } from '../../bindings';
import type { TrackerRow } from '../../types';
import type { SortKey } from './columns';

export type StatusChoice = 'active' | 'disabled' | 'all';
export type TypeChoice = 'all' | 'source' | 'session';
export type PerPageChoice = '25' | '50' | '100' | '250' | 'all';

export interface ListParams {
  status: StatusChoice;
  type: TypeChoice;
  /** Sent to CallRail; the search box filters the loaded rows on its own as the person types. */
  search: string;
  /** The column the rows are ordered by: CallRail orders by name only, the table orders a page by the others. */
  sort: SortKey;
  order: 'asc' | 'desc';
  page: number;
  perPage: PerPageChoice;
}

export const DEFAULT_PARAMS: ListParams = { status: 'active', type: 'all', search: '', sort: 'name', order: 'asc', page: 1, perPage: '100' };

/**
 * What CallRail is asked. "All" asks once for every tracker of the company, whatever the filters:
 * status, type and order are then applied to the loaded rows ([`localView`]), without asking again.
 */
export function toRequest(company: string, p: ListParams): TrackerListRequest_Deserialize {
  const all = p.perPage === 'all';
  if (all) {
    return { company_id: company, status: null, type: null, search: null, order: 'asc', page: null, per_page: null, all };
  }
  return {
    company_id: company,
    status: p.status === 'all' ? null : p.status,
    type: p.type === 'all' ? null : p.type,
    search: p.search.trim() || null,
    order: nameOrder(p),
    page: all ? null : p.page,
    per_page: all ? null : Number(p.perPage),
    all,
  };
}

/** The loaded rows as the filters and the order ask (for "All": CallRail is not asked again). */
export function localView(rows: readonly TrackerRow[], p: ListParams): TrackerRow[] {
  const kept = rows.filter(
    (r) => (p.status === 'all' || r.status === p.status) && (p.type === 'all' || r.type === p.type),
  );
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  kept.sort((a, b) => collator.compare(a.name, b.name) * (nameOrder(p) === 'desc' ? -1 : 1));
  return kept;
}

/** The order of names: the one asked for, or A to Z beneath an order by another column. */
function nameOrder(p: ListParams): 'asc' | 'desc' {
  return p.sort === 'name' ? p.order : 'asc';
}
