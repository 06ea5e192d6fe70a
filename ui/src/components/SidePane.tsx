import { CloseButton, Group, Title } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import classes from './SidePane.module.css';

const MIN = 320;
const MAX = 900;
const STEP = 24;

interface Props {
  title: string;
  /** Where the width the person chose is kept across restarts. */
  storageKey: string;
  initialWidth: number;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}

function loadWidth(key: string, fallback: number): number {
  const saved = Number(localStorage.getItem(key));
  return Number.isFinite(saved) && saved >= MIN && saved <= MAX ? saved : fallback;
}

/**
 * A panel beside the content rather than over it, so the content stays usable while it shows.
 * Its left edge is dragged, or focused and moved with ← and →, to make it wider or narrower; it
 * never takes more than half of the row it sits in.
 */
export function SidePane({ title, storageKey, initialWidth, onClose, children, testId }: Props) {
  const [width, setWidth] = useState(() => loadWidth(storageKey, initialWidth));
  useEffect(() => {
    try {
      localStorage.setItem(storageKey, String(width));
    } catch {
      // Full or refused storage only loses the convenience.
    }
  }, [storageKey, width]);
  const drag = useRef<{ x: number; width: number } | null>(null);
  const clamp = (w: number) => Math.round(Math.min(MAX, Math.max(MIN, w)));
  return (
    <section aria-label={title} className={classes.pane} style={{ width }} data-testid={testId}>
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label={`Width of ${title.toLowerCase()}`}
        aria-valuenow={width}
        aria-valuemin={MIN}
        aria-valuemax={MAX}
        tabIndex={0}
        className={classes.grip}
        data-testid={testId && `${testId}-grip`}
        title="Drag to resize"
        onPointerDown={(e) => {
          e.preventDefault();
          e.currentTarget.setPointerCapture(e.pointerId);
          drag.current = { x: e.clientX, width };
        }}
        onPointerMove={(e) => {
          // The pane is on the right: moving the edge left widens it.
          if (drag.current) setWidth(clamp(drag.current.width + drag.current.x - e.clientX));
        }}
        onPointerUp={() => {
          drag.current = null;
        }}
        onKeyDown={(e) => {
          const by = e.key === 'ArrowLeft' ? STEP : e.key === 'ArrowRight' ? -STEP : 0;
          if (!by) return;
          e.preventDefault();
          setWidth((w) => clamp(w + by));
        }}
      />
      <Group justify="space-between" wrap="nowrap" className={classes.head}>
        <Title order={2} size="h4">
          {title}
        </Title>
        <CloseButton aria-label={`Close the ${title.toLowerCase()}`} data-testid={testId && `${testId}-close`} onClick={onClose} />
      </Group>
      <div className={classes.body}>{children}</div>
    </section>
  );
}
