import type { Company, JournalEntry } from '../../types';
import type { Scope, Selection } from '../workspace/selection';

/** Where a recreate or revert from an entry writes, and the selection its dialogs show above the write. */
export interface Target {
  scope: Scope;
  selection: Selection;
}

/**
 * The journal spans every connection and account; a write starting from it stays in the one the
 * person works in, so that "Account › Company" above the confirm button is the truth.
 * Returns why not, in words, otherwise.
 */
export function entryTarget(entry: JournalEntry, sel: Selection, companies: Company[] | undefined): Target | string {
  if (!sel.connection || !sel.account) return 'Choose a connection and account first';
  if (entry.connection_id !== sel.connection.id || entry.account_id !== sel.account.id) {
    return 'Switch to the connection and account this change was made in first';
  }
  if (!entry.tracker_id) return 'This entry names no tracker';
  const company = companies?.find((c) => c.id === entry.company_id);
  if (!company) return 'Its company is not in this account any more';
  return {
    scope: { conn: entry.connection_id, acc: entry.account_id, company: company.id },
    selection: { ...sel, company },
  };
}

/** The company's name when it is one of the selected account's companies, else its id. */
export function companyLabel(entry: JournalEntry, sel: Selection, companies: Company[] | undefined): string {
  if (!entry.company_id) return '—';
  const same = entry.connection_id === sel.connection?.id && entry.account_id === sel.account?.id;
  return (same && companies?.find((c) => c.id === entry.company_id)?.name) || entry.company_id;
}
