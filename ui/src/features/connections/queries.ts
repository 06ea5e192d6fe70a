import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { commands } from '../../bindings';
import { keys, unwrap } from '../../api';
import type { Connection } from '../../types';

export function useConnections() {
  return useQuery({ queryKey: keys.connections, queryFn: () => unwrap(commands.listConnections()) });
}

/** Puts a connection the Rust side just returned into the cached list, replacing its old self. */
function useStoreConnection() {
  const qc = useQueryClient();
  return (conn: Connection) => {
    qc.setQueryData<Connection[]>(keys.connections, (list = []) =>
      list.some((c) => c.id === conn.id) ? list.map((c) => (c.id === conn.id ? conn : c)) : [...list, conn],
    );
    void qc.invalidateQueries({ queryKey: keys.connections });
  };
}

export function useAddConnection() {
  const store = useStoreConnection();
  return useMutation({
    mutationFn: (v: { name: string; apiKey: string }) => unwrap(commands.addConnection(v.name, v.apiKey)),
    onSuccess: store,
  });
}

export function useStartDemo() {
  const store = useStoreConnection();
  return useMutation({ mutationFn: () => unwrap(commands.startDemo()), onSuccess: store });
}

export function useRenameConnection() {
  const store = useStoreConnection();
  return useMutation({
    mutationFn: (v: { id: string; name: string }) => unwrap(commands.renameConnection(v.id, v.name)),
    onSuccess: store,
  });
}

export function useReplaceKey() {
  const qc = useQueryClient();
  const store = useStoreConnection();
  return useMutation({
    mutationFn: (v: { id: string; apiKey: string }) => unwrap(commands.replaceKey(v.id, v.apiKey)),
    onSuccess: (conn) => {
      store(conn);
      // Everything read with the refused key is worth reading again.
      void qc.invalidateQueries();
    },
  });
}

export function useRemoveConnection() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(commands.removeConnection(id)),
    onSuccess: (_, id) => {
      qc.setQueryData<Connection[]>(keys.connections, (list = []) => list.filter((c) => c.id !== id));
      qc.removeQueries({ queryKey: keys.accounts(id) });
      void qc.invalidateQueries({ queryKey: keys.connections });
    },
  });
}
