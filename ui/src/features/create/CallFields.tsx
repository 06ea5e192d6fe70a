import { Stack } from '@mantine/core';
import type { FormKit } from '../trackerForm/formState';
import { BoolField, TextField } from '../trackerForm/Fields';

interface CallValues {
  whisper: string;
  greeting: string;
  record_calls: boolean;
  sms_enabled: boolean;
  swap_targets: string;
}

interface Props<V extends CallValues> {
  kit: FormKit<V>;
  withSms: boolean;
  smsNote?: string;
  /** An advanced call flow is edited in CallRail only. */
  flowLocked?: boolean;
}

/** What happens on a call (whisper, greeting, recording), texts, and the numbers swap.js replaces. */
export function CallFields<V extends CallValues>({ kit, withSms, smsNote, flowLocked }: Props<V>) {
  const k = kit as unknown as FormKit<CallValues>;
  return (
    <Stack gap="sm">
      <TextField
        kit={k}
        name="whisper"
        testId="field-whisper"
        label="Whisper message"
        description="Played to whoever answers, before the caller is connected"
        placeholder="Call from the billboard on I-85"
      />
      <TextField
        kit={k}
        name="greeting"
        testId="field-greeting"
        label="Greeting"
        description="Played to the caller first"
        placeholder="This call may be recorded for quality."
        disabled={flowLocked}
      />
      <BoolField
        kit={k}
        name="record_calls"
        testId="field-record"
        label="Record calls"
        description="Check local consent rules; the greeting can announce it"
        disabled={flowLocked}
      />
      {withSms && (
        <BoolField kit={k} name="sms_enabled" testId="field-sms" label="Receive text messages (SMS)" description={smsNote} />
      )}
      <TextField
        kit={k}
        name="swap_targets"
        testId="field-swap-targets"
        label="Swap targets"
        description="Numbers on the website that swap.js replaces, one per line or comma-separated. Empty: the destination number."
        placeholder={'(404) 555-0100\n(404) 555-0199'}
        multiline
      />
    </Stack>
  );
}
