import { useForm, type LooseKeys } from '@mantine/form';
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
 * The form's state in `@mantine/form`: values, and which fields the person has touched. The rules
 * are not here: the Rust side judges the whole form on every keystroke, and a field's error only
 * shows once that field was edited, or after a submit.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- what @mantine/form asks of a form's values
export function useFormValues<V extends Record<string, any>>(initial: V | (() => V)) {
  const [initialValues] = useState<V>(initial);
  const form = useForm<V>({ mode: 'controlled', initialValues, touchTrigger: 'change' });
  const [submitted, setSubmitted] = useState(false);
  const { setFieldValue, setTouched } = form;
  const set = useCallback(<K extends keyof V>(key: K, value: V[K]) => setFieldValue(key as LooseKeys<V>, value as never), [setFieldValue]);
  const touch = useCallback(
    (...fields: string[]) => setTouched((t) => ({ ...t, ...Object.fromEntries(fields.map((f) => [f, true])) })),
    [setTouched],
  );
  return {
    values: form.values,
    set,
    touched: (field: string) => form.isTouched(field as LooseKeys<V>),
    touch,
    submitted,
    setSubmitted,
    // Typed changes that closing the form would lose.
    dirty: form.isDirty(),
  };
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
