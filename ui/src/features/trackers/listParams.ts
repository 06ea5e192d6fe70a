import type { TrackerListRequest_Deserialize } from '../../bindings';

export type StatusChoice = 'active' | 'disabled' | 'all';
export type TypeChoice = 'all' | 'source' | 'session';
export type PerPageChoice = '25' | '50' | '100' | '250' | 'all';

export interface ListParams {
  status: StatusChoice;
  type: TypeChoice;
  /** Sent to CallRail; the search box filters the loaded rows on its own as the person types. */
  search: string;
  order: 'asc' | 'desc';
  page: number;
  perPage: PerPageChoice;
}

export const DEFAULT_PARAMS: ListParams = { status: 'active', type: 'all', search: '', order: 'asc', page: 1, perPage: '100' };

export function toRequest(company: string, p: ListParams): TrackerListRequest_Deserialize {
  const all = p.perPage === 'all';
  return {
    company_id: company,
    status: p.status === 'all' ? null : p.status,
    type: p.type === 'all' ? null : p.type,
    search: p.search.trim() || null,
    order: p.order,
    page: all ? null : p.page,
    per_page: all ? null : Number(p.perPage),
    all,
  };
}
