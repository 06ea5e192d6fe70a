import { Alert, Button, Code, Group, List, Modal, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { validationErrors } from '../../api';
import type { TrackerDetail } from '../../types';
import { StickyFooter } from '../../components/StickyFooter';
import { ErrorBanner } from '../errors/ErrorBanner';
import { byField, fieldError } from '../errors/fields';
import { useDisableTracker } from '../trackers/mutations';
import { ContextLine } from '../workspace/ContextLine';
import type { Scope } from '../workspace/selection';

interface Props {
  scope: Scope;
  tracker: TrackerDetail;
  onClose: () => void;
}

/** Disabling cannot be undone: say what is lost, and have the name typed before the button wakes up. */
export function DisableDialog({ scope, tracker, onClose }: Props) {
  const [typed, setTyped] = useState('');
  const disable = useDisableTracker(scope, tracker.id);
  const matches = typed.trim() === tracker.name.trim() && typed.trim() !== '';
  const count = tracker.numbers.length;
  const numbers = count === 1 ? 'number' : 'numbers';
  const invalid = byField(validationErrors(disable.error));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!matches || disable.isPending) return;
    disable.mutate(typed, {
      onSuccess: () => {
        notifications.show({ title: 'Tracker disabled', message: `“${tracker.name}” is disabled; CallRail released its ${numbers}.` });
        onClose();
      },
    });
  };

  return (
    <Modal opened onClose={() => !disable.isPending && onClose()} title={`Disable “${tracker.name}”?`} size="md" zIndex={300}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ContextLine label="Disabling in" />
          <Alert color="red" title="This cannot be undone">
            <Stack gap={6}>
              <Text size="sm">
                CallRail releases this tracker’s {count > 0 ? `${count} ` : ''}phone {numbers} for good. Callers who dial{' '}
                {count === 1 ? 'it' : 'them'} will no longer reach you, and you cannot get {count === 1 ? 'it' : 'them'} back:
              </Text>
              {/* A pool of 50 takes a few lines, in columns that scroll: the button stays in view. */}
              <ScrollArea.Autosize mah={112} type="auto">
                <List size="sm" data-testid="disable-numbers" style={{ columnWidth: '9.5rem', columnGap: 'var(--mantine-spacing-md)' }}>
                  {tracker.numbers.map((n) => (
                    <List.Item key={n}>{n}</List.Item>
                  ))}
                </List>
              </ScrollArea.Autosize>
              <Text size="sm">The call history stays in CallRail.</Text>
              <Text size="sm">A disabled tracker cannot be turned back on; you would have to create a new one, with new numbers.</Text>
            </Stack>
          </Alert>
          <TextInput
            data-testid="disable-name-input"
            label={
              <>
                Type the tracker’s name to confirm: <Code>{tracker.name}</Code>
              </>
            }
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            autoComplete="off"
            data-autofocus
            error={fieldError(invalid, 'confirm_name')}
          />
          {disable.isError && !invalid.confirm_name && <ErrorBanner error={disable.error} />}
          <StickyFooter>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose} disabled={disable.isPending}>
                Keep it
              </Button>
              <Button type="submit" color="red" data-testid="disable-confirm" disabled={!matches} loading={disable.isPending}>
                Release the {numbers} and disable
              </Button>
            </Group>
          </StickyFooter>
        </Stack>
      </form>
    </Modal>
  );
}
