import { Badge, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { PlannedRow, RunRow } from '../../types';

const ROW = 52;
const GRID = '70px 100px 220px 1fr 120px';

const ACTION_COLOR: Record<string, string> = {
  create: 'blue',
  update: 'teal',
  disable: 'orange',
  unchanged: 'gray',
  error: 'red',
};

/** The plan's rows (only those in view are in the DOM), each with its changes or errors, and how it ended once applied. */
export function PlanTable({ rows, results }: { rows: PlannedRow[]; results: Map<number, RunRow> }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 8,
    initialRect: { width: 1000, height: 400 },
  });
  return (
    <div
      ref={scrollRef}
      role="table"
      aria-label="Plan"
      aria-rowcount={rows.length + 1}
      data-testid="bulk-plan"
      style={{ flex: 1, minHeight: 160, overflow: 'auto', border: '1px solid var(--mantine-color-default-border)' }}
    >
      <div role="row" style={{ display: 'grid', gridTemplateColumns: GRID, position: 'sticky', top: 0, zIndex: 1, background: 'var(--mantine-color-body)', fontWeight: 600, fontSize: 13, padding: '4px 8px' }}>
        <div role="columnheader">Line</div>
        <div role="columnheader">Action</div>
        <div role="columnheader">Tracker</div>
        <div role="columnheader">Changes or errors</div>
        <div role="columnheader">Result</div>
      </div>
      <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const r = rows[item.index];
          const result = results.get(r.line);
          const what = r.errors.length
            ? r.errors.map((e) => `${e.column}: ${e.message}`).join('; ')
            : r.action === 'create'
              ? `new: buys ${r.numbers_bought} number(s)`
              : r.action === 'disable'
                ? `releases ${r.numbers_released} number(s) for good`
                : r.diff.join(', ');
          return (
            <div
              key={r.line}
              role="row"
              data-testid={`plan-row-${r.line}`}
              data-action={r.action}
              style={{ display: 'grid', gridTemplateColumns: GRID, position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${item.start}px)`, padding: '4px 8px', fontSize: 13, borderTop: '1px solid var(--mantine-color-default-border)' }}
            >
              <div role="cell">{r.line}</div>
              <div role="cell">
                <Badge size="sm" color={ACTION_COLOR[r.action]} variant="light">
                  {r.action}
                </Badge>
              </div>
              <div role="cell" style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={r.tracker_id ? `${r.name} (${r.tracker_id})` : r.name}>
                {r.name}
                {r.tracker_id && (
                  <Text size="xs" c="dimmed" ff="monospace" data-testid={`plan-tracker-id-${r.line}`} style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
                    {r.tracker_id}
                  </Text>
                )}
              </div>
              <Text role="cell" size="xs" c={r.errors.length ? 'red' : undefined} lineClamp={2} title={what}>
                {what}
              </Text>
              <Text role="cell" size="xs" data-testid={`plan-result-${r.line}`} title={result?.message ?? undefined}>
                {result ? result.state.replace('_', ' ') : ''}
              </Text>
            </div>
          );
        })}
      </div>
    </div>
  );
}
