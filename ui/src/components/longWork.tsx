import { Button, Group, Progress, Text } from '@mantine/core';
import { Channel } from '@tauri-apps/api/core';
import { useRef, useState } from 'react';
import { commands, type ListProgress } from '../bindings';

/**
 * Long work in Rust (reading every page, copying the history up) with its progress streamed through
 * a Tauri `Channel`, and a way to stop it. `run` gives the command an id and a channel; `cancel`
 * asks Rust to stop the work under way, which then ends with a `Cancelled` error.
 */
export function useLongWork<P = ListProgress>() {
  const [progress, setProgress] = useState<P | null>(null);
  const current = useRef<string | null>(null);
  const run = async <T,>(start: (work: string, channel: Channel<P>) => Promise<T>): Promise<T> => {
    const id = crypto.randomUUID();
    current.current = id;
    const channel = new Channel<P>();
    channel.onmessage = (p) => {
      if (current.current === id) setProgress(p);
    };
    try {
      return await start(id, channel);
    } finally {
      if (current.current === id) {
        current.current = null;
        setProgress(null);
      }
    }
  };
  const cancel = () => {
    if (current.current) void commands.cancelWork(current.current);
  };
  return { progress, run, cancel };
}

interface BarProps {
  progress: ListProgress;
  /** What is counted: "Page", "Entry". */
  unit: string;
  label: string;
  onCancel: () => void;
  testId: string;
}

/** How far long work got, as a bar and "Page 3 of 41", with Cancel. */
export function LongWorkBar({ progress, unit, label, onCancel, testId }: BarProps) {
  return (
    <Group gap={8} wrap="nowrap" data-testid={testId}>
      <Progress
        w={140}
        value={(100 * progress.done) / Math.max(progress.total, 1)}
        aria-label={label}
        aria-valuetext={`${progress.done} of ${progress.total}`}
      />
      <Text size="sm" c="dimmed" aria-live="polite">
        {unit} {progress.done.toLocaleString()} of {progress.total.toLocaleString()}
      </Text>
      <Button size="compact-xs" variant="default" data-testid={`${testId}-cancel`} onClick={onCancel}>
        Cancel
      </Button>
    </Group>
  );
}
