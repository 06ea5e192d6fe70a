import { Button } from '@mantine/core';
import { writeText } from '@tauri-apps/plugin-clipboard-manager';
import { useEffect, useState } from 'react';

export type CopyState = 'idle' | 'copied' | 'failed';

/** Copies through the OS clipboard (Tauri's plugin); the state says how it went, for 2.5 s. */
export function useCopy() {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = window.setTimeout(() => setState('idle'), 2500);
    return () => window.clearTimeout(t);
  }, [state]);
  const copy = (text: string) =>
    writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  return { state, copy };
}

/** A small "Copy" button beside a number or an id; `label` says what it copies to a screen reader. */
export function CopyText({ value, label }: { value: string; label: string }) {
  const { state, copy } = useCopy();
  return (
    <Button
      size="compact-xs"
      variant="subtle"
      color={state === 'failed' ? 'red' : undefined}
      aria-label={`Copy ${label}`}
      data-testid="copy-text"
      data-value={value}
      onClick={() => void copy(value)}
    >
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy' : 'Copy'}</span>
    </Button>
  );
}
