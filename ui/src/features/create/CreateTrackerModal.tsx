import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import type { TrackerKind } from '../../bindings';
import { isIpcFailure, validationErrors } from '../../api';
import type { FieldError, TrackerDetail, TrackerForm } from '../../types';
import { useDiscardGuard } from '../../components/DiscardGuard';
import { StickyFooter } from '../../components/StickyFooter';
import { ErrorBanner } from '../errors/ErrorBanner';
import { byField, fieldLabel } from '../errors/fields';
import { useCreateTracker } from '../trackers/mutations';
import { TextField } from '../trackerForm/Fields';
import { focusFirstError, makeKit, useFormValues } from '../trackerForm/formState';
import { PoolSizeField } from '../trackerForm/PoolSizeField';
import { ContextLine } from '../workspace/ContextLine';
import type { Scope } from '../workspace/selection';
import { CallFields } from './CallFields';
import { ConfirmCreateModal } from './ConfirmCreateModal';
import { fromTrackerForm, initialValues, toTrackerForm, type CreateValues } from './createValues';
import { NumberFields } from './NumberFields';
import { visibleFields } from './visibleFields';
import { SourceTypeFields } from './SourceTypeFields';
import { useFormCheck } from './useFormCheck';

interface Props {
  scope: Scope;
  /** Ignored when recreating: the kind is the disabled tracker's. */
  kind: TrackerKind;
  /** Recreating a disabled tracker: the form starts from its last active state (`recreateForm`). */
  recreateFrom?: TrackerForm;
  onClose: () => void;
  onCreated: (tracker: TrackerDetail) => void;
}

interface Pending {
  form: TrackerForm;
  numbers: number;
  costLine: string;
}

export const RECREATE_NOTE =
  'CallRail will assign new numbers: the old ones were released for good. Update any ads, listings or print that show the old number.';

export function CreateTrackerModal({ scope, kind: asked, recreateFrom, onClose, onCreated }: Props) {
  const kind = recreateFrom?.kind ?? asked;
  const f = useFormValues<CreateValues>(() => (recreateFrom ? fromTrackerForm(recreateFrom) : initialValues(kind)));
  const form = toTrackerForm(kind, scope.company, f.values);
  const guard = useDiscardGuard(f.dirty, onClose);
  const { check, error: checkError, checkNow } = useFormCheck(form);
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [pending, setPending] = useState<Pending | null>(null);
  const create = useCreateTracker(scope);
  const formRef = useRef<HTMLFormElement>(null);
  // One request at a time, whatever the keyboard does (a double Enter, a held key): set before the
  // request is sent, cleared only when its answer is known.
  const sending = useRef(false);
  // Names whose create has no known outcome: they stay locked here even after going Back to the form.
  const [unknownNames, setUnknownNames] = useState<string[]>([]);

  const allErrors = [...(check?.errors ?? []), ...serverErrors];
  const shown = visibleFields(kind, f.values.source);
  const set: typeof f.set = (key, value) => {
    setServerErrors((errs) => errs.filter((e) => e.field !== key));
    f.set(key, value);
  };
  const kit = makeKit(f.values, set, byField(allErrors), (field) => f.submitted || f.touched(field));
  const unplaced = f.submitted ? allErrors.filter((e) => !shown.includes(e.field)) : [];
  const valid = check !== undefined && check.errors.length === 0 && !!check.cost_line;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    f.setSubmitted(true);
    create.reset();
    const result = await checkNow().catch(() => undefined);
    if (!result) return;
    if (result.errors.length > 0 || result.numbers_to_provision == null) {
      focusFirstError(formRef.current, result.errors.map((x) => x.field));
      return;
    }
    setPending({ form, numbers: result.numbers_to_provision, costLine: result.cost_line ?? '' });
  };

  const confirm = () => {
    if (!pending || sending.current || unknownNames.includes(pending.form.name.trim())) return;
    sending.current = true;
    create.mutate(
      { form: pending.form, numbers: pending.numbers },
      {
        onSuccess: (created) => {
          notifications.show({ color: 'green', title: 'Tracker created', message: `“${created.tracker.name}” is ready.` });
          if (created.reconciled) {
            notifications.show({
              color: 'yellow',
              autoClose: false,
              title: 'CallRail’s answer was lost, but the tracker was found',
              message: `The tracker was created once, not twice: Tracker Desk found it in CallRail afterwards. ${created.reconciled}`,
            });
          }
          onCreated(created.tracker);
        },
        onSettled: () => {
          sending.current = false;
        },
        onError: (err) => {
          if (isIpcFailure(err) && err.kind === 'OutcomeUnknown') {
            setUnknownNames((names) => [...names, pending.form.name.trim()]);
            return;
          }
          const invalid = validationErrors(err);
          if (invalid.length === 0) return;
          setServerErrors(invalid);
          setPending(null);
          focusFirstError(formRef.current, invalid.map((x) => x.field));
        },
      },
    );
  };

  const title = recreateFrom
    ? `Recreate “${recreateFrom.name}” as a new ${kind} tracker`
    : kind === 'session'
      ? 'New session tracker (a pool for your website)'
      : 'New source tracker (one number for one channel)';
  return (
    <Modal opened onClose={guard.requestClose} title={title} size="lg" closeOnEscape={!pending}>
      <form ref={formRef} onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="md">
          {recreateFrom && (
            <Alert color="yellow" variant="light" data-testid="recreate-note">
              {RECREATE_NOTE}
            </Alert>
          )}
          <ContextLine label="Creating in" />
          {unplaced.length > 0 && (
            <Alert color="red" title="Please fix these first" role="alert" data-testid="form-errors">
              <List size="sm">
                {unplaced.map((x, i) => (
                  <List.Item key={i}>
                    <b>{fieldLabel(x.field)}</b>: {x.message}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          <TextField
            kit={kit}
            name="name"
            testId="field-name"
            label="Tracker name"
            placeholder={kind === 'session' ? 'Website visitors' : 'Billboard I-85'}
            required
            autoFocus
          />
          {kind === 'source' && <SourceTypeFields kit={kit} />}
          <NumberFields kit={kit} onTollFree={() => f.touch('area_code', 'sms_enabled')} />
          {kind === 'session' && <PoolSizeField kit={kit} withHelper />}
          <CallFields kit={kit} withSms={kind === 'source'} smsNote="Local numbers only" />
          {kind === 'source' && (
            <TextField kit={kit} name="campaign_name" testId="field-campaign" label="Campaign name" description="Optional: groups trackers in CallRail's reports" />
          )}
          {checkError != null && <ErrorBanner error={checkError} />}
          <StickyFooter>
            {valid ? (
              <Alert color="blue" variant="light">
                <Text size="sm" data-testid="cost-line">
                  {check.cost_line}
                </Text>
              </Alert>
            ) : (
              <Text size="sm" c="dimmed">
                What this tracker costs appears here once the form is complete.
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" data-testid="form-cancel" onClick={guard.requestClose}>
                Cancel
              </Button>
              <Button type="submit" data-testid="form-submit">
                Review and create…
              </Button>
            </Group>
          </StickyFooter>
        </Stack>
      </form>
      {pending && (
        <ConfirmCreateModal
          opened
          kind={kind}
          name={pending.form.name}
          numbers={pending.numbers}
          costLine={pending.costLine}
          pending={create.isPending}
          locked={unknownNames.includes(pending.form.name.trim())}
          error={create.isError && validationErrors(create.error).length === 0 ? create.error : null}
          onBack={() => setPending(null)}
          onConfirm={confirm}
        />
      )}
      {guard.dialog}
    </Modal>
  );
}
