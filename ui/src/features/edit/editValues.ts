import type { TrackerChanges, TrackerDetail } from '../../types';
import { splitTargets } from '../trackerForm/formState';

/** The fields CallRail lets change on an existing tracker (never its status). */
export interface EditValues {
  name: string;
  destination: string;
  whisper: string;
  greeting: string;
  record_calls: boolean;
  sms_enabled: boolean;
  swap_targets: string;
  pool_size: number | '';
}

export function fromDetail(t: TrackerDetail): EditValues {
  return {
    name: t.name,
    destination: t.call_flow.destination ?? t.destination ?? '',
    whisper: t.whisper ?? '',
    greeting: t.call_flow.greeting ?? '',
    record_calls: t.call_flow.recording,
    sms_enabled: t.sms_enabled,
    swap_targets: (t.swap_targets ?? []).join('\n'),
    pool_size: t.pool_size,
  };
}

const sameTargets = (a: string, b: string) => splitTargets(a).join('\n') === splitTargets(b).join('\n');

/** Only what the person changed; everything else stays null so CallRail keeps it as it is. */
export function toChanges(before: EditValues, now: EditValues, isPool: boolean): TrackerChanges {
  const changed = <K extends keyof EditValues>(k: K) => before[k] !== now[k];
  return {
    name: changed('name') ? now.name : null,
    destination: changed('destination') ? now.destination : null,
    // A blank whisper or greeting is how the Rust side is told to clear it.
    whisper: changed('whisper') ? now.whisper : null,
    greeting: changed('greeting') ? now.greeting : null,
    record_calls: changed('record_calls') ? now.record_calls : null,
    sms_enabled: changed('sms_enabled') ? now.sms_enabled : null,
    swap_targets: sameTargets(before.swap_targets, now.swap_targets) ? null : splitTargets(now.swap_targets),
    // An emptied box is sent as 0, so the Rust rules say what a pool size must be.
    pool_size: isPool && changed('pool_size') ? (now.pool_size === '' ? 0 : now.pool_size) : null,
  };
}

export function hasChanges(c: TrackerChanges): boolean {
  return Object.values(c).some((v) => v !== null && v !== undefined);
}
