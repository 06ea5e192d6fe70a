import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { UpdatePreview } from '../../types';
import { ErrorBanner } from '../errors/ErrorBanner';
import { ContextLine } from '../workspace/ContextLine';
import { StickyFooter } from '../../components/StickyFooter';

interface Props {
  name: string;
  preview: UpdatePreview;
  pending: boolean;
  error: unknown;
  onBack: () => void;
  onConfirm: () => void;
  /** Reverting a change: a different title, what cannot be put back, and where "back" goes. */
  title?: string;
  note?: ReactNode;
  backLabel?: string;
}

/** Before and after, side by side, and what growing the pool costs, before anything is sent. */
export function ReviewChangesModal({ name, preview, pending, error, onBack, onConfirm, title, note, backLabel }: Props) {
  const extra = preview.extra_numbers;
  const nothing = preview.changes.length === 0;
  return (
    <Modal opened onClose={() => !pending && onBack()} title={title ?? `Save these changes to “${name}”?`} zIndex={300} size="lg">
      <Stack gap="sm">
        <ContextLine label="Editing in" />
        {nothing ? (
          <Text>Nothing would change: the tracker already reads this way.</Text>
        ) : (
          <Table data-testid="diff-table" withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Field</Table.Th>
                <Table.Th>Before</Table.Th>
                <Table.Th>After</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.changes.map((c) => (
                <Table.Tr key={`${c.field}-${c.label}`}>
                  <Table.Td fw={600}>{c.label}</Table.Td>
                  <Table.Td>{c.before}</Table.Td>
                  <Table.Td>{c.after}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {extra > 0 && (
          <Alert color="yellow" title={`This buys ${extra} more ${extra === 1 ? 'number' : 'numbers'}, billed monthly`} data-testid="extra-numbers">
            CallRail adds {extra} {extra === 1 ? 'number' : 'numbers'} to the pool and bills each one every month until the tracker is
            disabled. A pool cannot shrink again.
          </Alert>
        )}
        {note}
        {error != null && <ErrorBanner error={error} />}
        <StickyFooter>
          <Group justify="flex-end">
            <Button variant="default" onClick={onBack} disabled={pending}>
              {backLabel ?? 'Back to editing'}
            </Button>
            <Button data-testid="edit-confirm" loading={pending} disabled={nothing} onClick={onConfirm} data-autofocus>
              {extra > 0 ? `Buy ${extra} ${extra === 1 ? 'number' : 'numbers'} and save` : 'Save changes'}
            </Button>
          </Group>
        </StickyFooter>
      </Stack>
    </Modal>
  );
}
