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

/** Moves focus to the first field that has an error, so the keyboard lands where the work is. */
export function focusFirstError(root: HTMLElement | null, fields: readonly string[]) {
  for (const field of fields) {
    // Each input says which of the Rust rules' fields it holds (`data-field`).
    const el = root?.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`);
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
