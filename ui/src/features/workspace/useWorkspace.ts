import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { commands } from '../../bindings';
import { keys, unwrap } from '../../api';
import type { Connection } from '../../types';

/**
 * The connection › account › company the person works in. Explicit choices win; otherwise the
 * connection's remembered account and company, otherwise the first (active) one. Each resolved
 * choice is remembered on the Rust side so the next start opens where the person left off.
 */
export function useWorkspace(connections: Connection[]) {
  const [connId, setConnId] = useState<string>();
  const [accId, setAccId] = useState<string>();
  const [companyId, setCompanyId] = useState<string>();

  const connection = connections.find((c) => c.id === connId) ?? connections[0];
  const accounts = useQuery({
    queryKey: keys.accounts(connection.id),
    queryFn: () => unwrap(commands.listAccounts(connection.id)),
  });
  const wantAcc = accId ?? connection.account_id;
  const account = accounts.data?.find((a) => a.id === wantAcc) ?? accounts.data?.[0];

  const companies = useQuery({
    queryKey: keys.companies(connection.id, account?.id ?? ''),
    queryFn: () => unwrap(commands.listCompanies(connection.id, account?.id ?? '')),
    enabled: !!account,
  });
  const wantCompany = companyId ?? connection.company_id;
  const list = companies.data;
  const company = list?.find((c) => c.id === wantCompany) ?? list?.find((c) => c.active) ?? list?.[0];

  useRemember(connection, account?.id, company?.id);

  return {
    connection,
    account,
    company,
    accounts,
    companies,
    chooseConnection: (id: string) => {
      setConnId(id);
      setAccId(undefined);
      setCompanyId(undefined);
    },
    chooseAccount: (id: string) => {
      setAccId(id);
      setCompanyId(undefined);
    },
    chooseCompany: (id: string) => setCompanyId(id),
  };
}

export type WorkspaceState = ReturnType<typeof useWorkspace>;

function useRemember(connection: Connection, accountId?: string, companyId?: string) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!accountId || !companyId) return;
    if (connection.account_id === accountId && connection.company_id === companyId) return;
    const id = connection.id;
    commands
      .rememberSelection(id, accountId, companyId)
      .then((r) => {
        if (r.status !== 'ok') return;
        qc.setQueryData<Connection[]>(keys.connections, (all = []) =>
          all.map((c) => (c.id === id ? { ...c, account_id: accountId, company_id: companyId } : c)),
        );
      })
      // Remembering is a convenience: a failure here must not get in the way of the work.
      .catch(() => undefined);
  }, [qc, connection.id, connection.account_id, connection.company_id, accountId, companyId]);
}
