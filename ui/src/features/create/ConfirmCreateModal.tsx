import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { isIpcFailure } from '../../api';
import { ErrorBanner } from '../errors/ErrorBanner';
import { ContextLine } from '../workspace/ContextLine';

interface Props {
  opened: boolean;
  kind: 'source' | 'session';
  name: string;
  numbers: number;
  costLine: string;
  pending: boolean;
  error: unknown;
  onBack: () => void;
  onConfirm: () => void;
}

/** The last stop before money is spent: where, what, and how many numbers. */
export function ConfirmCreateModal({ opened, kind, name, numbers, costLine, pending, error, onBack, onConfirm }: Props) {
  const plural = numbers === 1 ? 'number' : 'numbers';
  // After a lost answer, trying again could buy the numbers twice: look first.
  const unknownOutcome = isIpcFailure(error) && error.kind === 'OutcomeUnknown';
  return (
    <Modal opened={opened} onClose={() => !pending && onBack()} title="Buy numbers and create this tracker?" zIndex={300} size="lg">
      <Stack gap="sm">
        <ContextLine label="Creating in" />
        <Text>
          {kind === 'session' ? 'Session tracker' : 'Source tracker'} <b>“{name.trim()}”</b>
        </Text>
        <Alert color="yellow" title={`This buys ${numbers} phone ${plural}`}>
          <Text size="sm">{costLine}</Text>
          <Text size="sm">CallRail bills each number every month until the tracker is disabled.</Text>
        </Alert>
        {error != null && <ErrorBanner error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onBack} disabled={pending}>
            Back to the form
          </Button>
          <Button data-testid="confirm-create" loading={pending} disabled={unknownOutcome} onClick={onConfirm} data-autofocus>
            Buy {numbers} {plural} and create
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
