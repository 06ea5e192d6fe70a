import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { AppProviders, makeQueryClient } from '../providers';
import type { Account, Company, Connection } from '../types';
import { SelectionContext, type Scope, type Selection } from '../features/workspace/selection';

export const connection: Connection = {
  id: 'demo',
  name: 'Demo agency (sample data)',
  key_hint: '••••1a2b',
  demo: true,
  api_base: null,
  account_id: 'ACC1',
  company_id: 'COM1',
};
export const account: Account = { id: 'ACC1', name: 'Peachtree Marketing' };
export const company: Company = { id: 'COM1', name: 'Acme Plumbing', active: true, time_zone: null, dni_active: true };
export const scope: Scope = { conn: connection.id, acc: account.id, company: company.id };

/** Renders inside the app's providers, working in Peachtree Marketing › Acme Plumbing. */
export function renderInApp(ui: ReactElement, selection: Selection = { connection, account, company }) {
  return render(
    <AppProviders client={makeQueryClient()}>
      <SelectionContext.Provider value={selection}>{ui}</SelectionContext.Provider>
    </AppProviders>,
  );
}
