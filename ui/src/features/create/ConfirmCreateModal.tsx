import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { isIpcFailure } from '../../api';
import { ErrorBanner } from '../errors/ErrorBanner';
import { ContextLine } from '../workspace/ContextLine';
import { StickyFooter } from '../../components/StickyFooter';

interface Props {
  opened: boolean;
  kind: 'source' | 'session';
  name: string;
  numbers: number;
  costLine: string;
  pending: boolean;
  /** An earlier attempt at this create has no known outcome: buying again could buy twice. */
  locked: boolean;
  error: unknown;
  onBack: () => void;
  onConfirm: () => void;
}

/** The last stop before money is spent: where, what, and how many numbers. */
export function ConfirmCreateModal({ opened, kind, name, numbers, costLine, pending, locked, error, onBack, onConfirm }: Props) {
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
        {locked && error == null && (
          <Alert color="red" title="An earlier attempt has no known outcome" data-testid="create-locked">
            <Text size="sm">
              CallRail’s answer to an earlier attempt at this tracker was lost, and it could not be found or ruled out yet.
              Check History (“Check now”) or CallRail before buying again.
            </Text>
          </Alert>
        )}
        <StickyFooter>
          <Group justify="flex-end">
            {/* Focus starts on Back, so a stray Enter or a held key never buys anything. */}
            <Button variant="default" onClick={onBack} disabled={pending} data-autofocus data-testid="confirm-back">
              Back to the form
            </Button>
            <Button data-testid="confirm-create" loading={pending} disabled={unknownOutcome || locked} onClick={onConfirm}>
              Buy {numbers} {plural} and create
            </Button>
          </Group>
        </StickyFooter>
      </Stack>
    </Modal>
  );
}
