import { createContext, useContext } from 'react';
import type { Account, Company, Connection } from '../../types';

/** Where the person is working: shown above every write, and used by every command. */
export interface Selection {
  connection?: Connection;
  account?: Account;
  company?: Company;
}

export const SelectionContext = createContext<Selection>({});

export function useSelection(): Selection {
  return useContext(SelectionContext);
}

/** The ids every tracker command needs, once connection, account and company are all resolved. */
export interface Scope {
  conn: string;
  acc: string;
  company: string;
}

export function scopeOf(sel: Selection): Scope | undefined {
  if (!sel.connection || !sel.account || !sel.company) return undefined;
  return { conn: sel.connection.id, acc: sel.account.id, company: sel.company.id };
}
