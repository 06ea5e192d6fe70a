import { Modal, Skeleton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { commands } from '../../bindings';
import { keys, unwrap } from '../../api';
import { ErrorBanner } from '../errors/ErrorBanner';
import type { Scope } from '../workspace/selection';
import { DniPanel } from './DniPanel';

export function useDni(scope: Scope, enabled: boolean) {
  return useQuery({
    queryKey: keys.dni(scope.conn, scope.acc, scope.company),
    queryFn: () => unwrap(commands.dniSnippet(scope.conn, scope.acc, scope.company)),
    enabled,
  });
}

/** The company's swap.js snippet and how to install it (dynamic number insertion). */
export function DniModal({ scope, opened, onClose }: { scope: Scope; opened: boolean; onClose: () => void }) {
  const dni = useDni(scope, opened);
  return (
    <Modal opened={opened} onClose={onClose} title="Website snippet (dynamic number insertion)" size="xl" zIndex={300}>
      {dni.isError && <ErrorBanner error={dni.error} onRetry={() => void dni.refetch()} />}
      {dni.isPending && <Skeleton height={240} aria-label="Loading the snippet" />}
      {dni.data && <DniPanel info={dni.data} />}
    </Modal>
  );
}
