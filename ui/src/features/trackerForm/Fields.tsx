import { Checkbox, Switch, TextInput, Textarea } from '@mantine/core';
import type { FormKit, KeysOfType } from './formState';

interface TextProps<V> {
  kit: FormKit<V>;
  name: KeysOfType<V, string>;
  testId: string;
  label: string;
  description?: string;
  placeholder?: string;
  disabled?: boolean;
  required?: boolean;
  multiline?: boolean;
  /** The field the Rust rules name, when it differs from the value's key. */
  errorField?: string;
  /** Focused when its dialog opens, so a keyboard user types straight away. */
  autoFocus?: boolean;
}

export function TextField<V>({ kit, name, testId, multiline, errorField, autoFocus, ...rest }: TextProps<V>) {
  const value = kit.values[name] as string;
  const common = {
    ...rest,
    'data-autofocus': autoFocus || undefined,
    'data-testid': testId,
    'data-field': errorField ?? String(name),
    value,
    error: kit.error(errorField ?? name),
    // A value changed without an input event (WebDriver's clear, some password managers) is picked up on blur.
    onBlur: (e: React.FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (e.currentTarget.value !== value) kit.set(name, e.currentTarget.value as V[typeof name]);
    },
  };
  return multiline ? (
    <Textarea {...common} autosize minRows={2} maxRows={5} onChange={(e) => kit.set(name, e.currentTarget.value as V[typeof name])} />
  ) : (
    <TextInput {...common} onChange={(e) => kit.set(name, e.currentTarget.value as V[typeof name])} />
  );
}

interface BoolProps<V> {
  kit: FormKit<V>;
  name: KeysOfType<V, boolean>;
  testId: string;
  label: string;
  description?: string;
  disabled?: boolean;
  kind?: 'switch' | 'checkbox';
  onToggle?: (on: boolean) => void;
}

export function BoolField<V>({ kit, name, testId, kind = 'switch', onToggle, ...rest }: BoolProps<V>) {
  const props = {
    ...rest,
    'data-testid': testId,
    'data-field': String(name),
    checked: kit.values[name] as boolean,
    error: kit.error(name),
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      const on = e.currentTarget.checked;
      kit.set(name, on as V[typeof name]);
      onToggle?.(on);
    },
  };
  return kind === 'checkbox' ? <Checkbox {...props} /> : <Switch {...props} />;
}
