import { useCallback, useState, type ReactNode } from 'react';
import { fieldError, type FieldErrorMap } from '../errors/fields';

/** What a field component needs from its form: the values, a setter, and the error for a field. */
export interface FormKit<V> {
  values: V;
  set: <K extends keyof V>(key: K, value: V[K]) => void;
  error: (field: string) => ReactNode | undefined;
}

export type KeysOfType<V, T> = { [K in keyof V]: V[K] extends T ? K : never }[keyof V] & string;

/**
 * Values plus which fields the person has touched: the Rust rules judge the whole form on every
 * keystroke, but a field's error only shows once that field was edited, or after a submit.
 */
export function useFormValues<V extends object>(initial: V | (() => V)) {
  const [values, setValues] = useState<V>(initial);
  const [start] = useState<V>(values);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const set = useCallback(<K extends keyof V>(key: K, value: V[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setTouched((t) => new Set(t).add(String(key)));
  }, []);
  const touch = useCallback((...fields: string[]) => setTouched((t) => new Set([...t, ...fields])), []);
  // Typed changes that closing the form would lose.
  const dirty = values !== start && JSON.stringify(values) !== JSON.stringify(start);
  return { values, set, touched, touch, submitted, setSubmitted, dirty };
}

/** Builds a kit whose errors show for touched fields (all of them after a submit). */
export function makeKit<V>(
  values: V,
  set: FormKit<V>['set'],
  errors: FieldErrorMap,
  visible: (field: string) => boolean,
): FormKit<V> {
  return { values, set, error: (field) => (visible(field) ? fieldError(errors, field) : undefined) };
}

/** The test id (and focus target) of the input each TrackerForm field is typed in. */
export const FIELD_TEST_IDS: Record<string, string> = {
  name: 'field-name',
  destination: 'field-destination',
  area_code: 'field-area-code',
  toll_free: 'field-toll-free',
  pool_size: 'field-pool-size',
  source: 'field-source-type',
  landing: 'field-landing',
  referrer: 'field-referrer',
  search_engine: 'field-search-engine',
  search_type: 'field-search-type',
  whisper: 'field-whisper',
  greeting: 'field-greeting',
  record_calls: 'field-record',
  sms_enabled: 'field-sms',
  swap_targets: 'field-swap-targets',
  campaign_name: 'field-campaign',
};

/** Moves focus to the first field that has an error, so the keyboard lands where the work is. */
export function focusFirstError(root: HTMLElement | null, fields: readonly string[]) {
  for (const field of fields) {
    const id = FIELD_TEST_IDS[field];
    const el = id ? root?.querySelector<HTMLElement>(`[data-testid="${id}"]`) : null;
    if (el && !el.hasAttribute('disabled')) {
      el.focus();
      return;
    }
  }
}

/** Swap targets are typed one per line or separated by commas. */
export function splitTargets(raw: string): string[] {
  return raw
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
