// The view of each company's trackers (status, type, sort and order, per page), kept in the webview's local
// storage so that it is the same after switching companies and after a restart.
import type { Scope } from '../workspace/selection';
import { SORT_KEYS } from './columns';
import { DEFAULT_PARAMS, type ListParams } from './listParams';

type Saved = Pick<ListParams, 'status' | 'type' | 'sort' | 'order' | 'perPage'>;

const storageKey = (s: Scope) => `trackerDesk.view.${s.conn}.${s.acc}.${s.company}`;

const CHOICES: { [K in keyof Saved]: readonly Saved[K][] } = {
  status: ['active', 'disabled', 'all'],
  type: ['all', 'source', 'session'],
  sort: SORT_KEYS,
  order: ['asc', 'desc'],
  perPage: ['25', '50', '100', '250', 'all'],
};

/** The company's saved view on the first page, or the default one; anything unknown is left out. */
export function loadView(scope: Scope): ListParams {
  const view: ListParams = { ...DEFAULT_PARAMS };
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey(scope)) ?? '{}') as Record<string, unknown>;
    for (const field of Object.keys(CHOICES) as (keyof Saved)[]) {
      const value = saved[field];
      if ((CHOICES[field] as readonly unknown[]).includes(value)) Object.assign(view, { [field]: value });
    }
  } catch {
    // A damaged entry is the default view.
  }
  return view;
}

export function saveView(scope: Scope, p: ListParams) {
  const saved: Saved = { status: p.status, type: p.type, sort: p.sort, order: p.order, perPage: p.perPage };
  try {
    localStorage.setItem(storageKey(scope), JSON.stringify(saved));
  } catch {
    // Full or refused storage only loses the convenience.
  }
}
