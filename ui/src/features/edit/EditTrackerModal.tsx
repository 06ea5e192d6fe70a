import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useRef, useState } from 'react';
import { validationErrors } from '../../api';
import type { FieldError, TrackerDetail, UpdatePreview } from '../../types';
import { useDiscardGuard } from '../../components/DiscardGuard';
import { StickyFooter } from '../../components/StickyFooter';
import { CallFields } from '../create/CallFields';
import { ErrorBanner } from '../errors/ErrorBanner';
import { byField, fieldLabel } from '../errors/fields';
import { usePreviewUpdate, useUpdateTracker } from '../trackers/mutations';
import { TextField } from '../trackerForm/Fields';
import { focusFirstError, makeKit, useFormValues } from '../trackerForm/formState';
import { PoolSizeField } from '../trackerForm/PoolSizeField';
import { ContextLine } from '../workspace/ContextLine';
import type { Scope } from '../workspace/selection';
import { fromDetail, hasChanges, toChanges, type EditValues } from './editValues';
import { ReviewChangesModal } from './ReviewChangesModal';

const EDIT_FIELDS = ['name', 'destination', 'whisper', 'greeting', 'record_calls', 'sms_enabled', 'swap_targets', 'pool_size'];

export function EditTrackerModal({ scope, tracker, onClose }: { scope: Scope; tracker: TrackerDetail; onClose: () => void }) {
  const initial = useMemo(() => fromDetail(tracker), [tracker]);
  const f = useFormValues<EditValues>(initial);
  const guard = useDiscardGuard(f.dirty, onClose);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [review, setReview] = useState<UpdatePreview | null>(null);
  const preview = usePreviewUpdate(scope, tracker.id);
  const update = useUpdateTracker(scope, tracker.id);
  const formRef = useRef<HTMLFormElement>(null);
  const isPool = tracker.type === 'session';
  const locked = tracker.call_flow.kind === 'advanced';
  const changes = toChanges(initial, f.values, isPool);
  const changed = hasChanges(changes);

  const set: typeof f.set = (key, value) => {
    setFieldErrors((errs) => errs.filter((e) => e.field !== key));
    f.set(key, value);
  };
  const kit = makeKit(f.values, set, byField(fieldErrors), () => true);
  const unplaced = fieldErrors.filter((e) => !EDIT_FIELDS.includes(e.field));

  const showInvalid = (err: unknown) => {
    const invalid = validationErrors(err);
    if (invalid.length === 0) return;
    setFieldErrors(invalid);
    setReview(null);
    focusFirstError(formRef.current, invalid.map((x) => x.field));
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!changed) return;
    update.reset();
    preview.mutate(changes, { onSuccess: setReview, onError: showInvalid });
  };

  const confirm = () => {
    if (!review) return;
    update.mutate(
      { changes, extra: review.extra_numbers },
      {
        onSuccess: ({ tracker: t }) => {
          notifications.show({ color: 'green', title: 'Changes saved', message: `“${t.name}” was updated in CallRail.` });
          onClose();
        },
        onError: showInvalid,
      },
    );
  };

  return (
    <Modal opened onClose={guard.requestClose} title={`Edit “${tracker.name}”`} size="lg" closeOnEscape={!review}>
      <form ref={formRef} onSubmit={submit} noValidate aria-label={`Edit ${tracker.name}`}>
        <Stack gap="md">
          <ContextLine label="Editing in" />
          {unplaced.length > 0 && (
            <Alert color="red" title="CallRail cannot make this change" role="alert">
              <List size="sm">
                {unplaced.map((x, i) => (
                  <List.Item key={i}>
                    <b>{fieldLabel(x.field)}</b>: {x.message}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          <TextField kit={kit} name="name" testId="field-name" label="Tracker name" required />
          {locked && (
            <Alert color="blue" variant="light">
              This tracker uses an advanced call flow (menus, schedules…). Edit this call flow in CallRail; its destination,
              greeting and recording are read only here.
            </Alert>
          )}
          <TextField kit={kit} name="destination" testId="field-destination" label="Destination number" disabled={locked} />
          {isPool && (
            <PoolSizeField
              kit={kit}
              min={tracker.pool_size}
              description={`A pool can only grow: it has ${tracker.pool_size} numbers now. Each extra number is billed monthly.`}
            />
          )}
          <CallFields
            kit={kit}
            withSms
            flowLocked={locked}
            smsNote={tracker.sms_supported ? undefined : 'These numbers may not be able to receive texts'}
          />
          {preview.isError && validationErrors(preview.error).length === 0 && <ErrorBanner error={preview.error} />}
          <StickyFooter>
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {changed ? 'Nothing is sent until you confirm.' : 'Change a field to review it.'}
              </Text>
              <Group>
                <Button variant="default" data-testid="form-cancel" onClick={guard.requestClose}>
                  Cancel
                </Button>
                <Button type="submit" data-testid="edit-review" disabled={!changed} loading={preview.isPending}>
                  Review changes…
                </Button>
              </Group>
            </Group>
          </StickyFooter>
        </Stack>
      </form>
      {review && (
        <ReviewChangesModal
          name={tracker.name}
          preview={review}
          pending={update.isPending}
          error={update.isError && validationErrors(update.error).length === 0 ? update.error : null}
          onBack={() => setReview(null)}
          onConfirm={confirm}
        />
      )}
      {guard.dialog}
    </Modal>
  );
}
