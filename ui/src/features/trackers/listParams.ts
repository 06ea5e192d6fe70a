import type { TableQuery, TrackerListRequest_Deserialize } from '../../bindings';
import type { SortKey } from './columns';

export type StatusChoice = 'active' | 'disabled' | 'all';
export type TypeChoice = 'all' | 'source' | 'session';
export type PerPageChoice = '25' | '50' | '100' | '250' | 'all';

export interface ListParams {
  status: StatusChoice;
  type: TypeChoice;
  /** Sent to CallRail; the search box filters the rows held in Rust on its own as the person types. */
  search: string;
  /** The column the rows are ordered by: CallRail orders by name only; Rust orders the rows it holds by the others. */
  sort: SortKey;
  order: 'asc' | 'desc';
  page: number;
  perPage: PerPageChoice;
}

export const DEFAULT_PARAMS: ListParams = { status: 'active', type: 'all', search: '', sort: 'name', order: 'asc', page: 1, perPage: '100' };

/**
 * What CallRail is asked. "All" asks once for every tracker of the company, whatever the filters:
 * status, type and order are then applied to the rows held in Rust ([`toQuery`]), without asking again.
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

/**
 * What Rust shows of the rows it holds: the search box's words, and for "All" the status and type
 * (a page was filtered by CallRail already), in the order of the column asked for.
 */
export function toQuery(p: ListParams, text: string): TableQuery {
  const all = p.perPage === 'all';
  return {
    text,
    status: all && p.status !== 'all' ? p.status : null,
    type: all && p.type !== 'all' ? p.type : null,
    sort: p.sort,
    order: p.order,
  };
}

/** The order of names: the one asked for, or A to Z beneath an order by another column. */
function nameOrder(p: ListParams): 'asc' | 'desc' {
  return p.sort === 'name' ? p.order : 'asc';
}
