import { Table, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowsSort } from '@tabler/icons-react';
import { useState } from 'react';
import type { CompanyUsage } from '../../types';
import { money } from './queries';

type SortKey = 'name' | 'monthly' | 'idle_trackers' | 'saving';

const COLUMNS: { key: SortKey | 'trackers' | 'numbers' | 'calls'; label: string; numeric?: boolean }[] = [
  { key: 'name', label: 'Company' },
  { key: 'trackers', label: 'Trackers', numeric: true },
  { key: 'numbers', label: 'Numbers', numeric: true },
  { key: 'calls', label: 'Calls', numeric: true },
  { key: 'monthly', label: 'Cost a month', numeric: true },
  { key: 'idle_trackers', label: 'Idle trackers', numeric: true },
  { key: 'saving', label: 'Saving a month', numeric: true },
];

const SORTABLE: readonly string[] = ['name', 'monthly', 'idle_trackers', 'saving'];

/** A company's saving: its idle trackers disabled, and its pools made smaller where visits are known. */
const saving = (c: CompanyUsage) => (c.saving ?? 0) + (c.pool_saving ?? 0);

function value(c: CompanyUsage, key: SortKey): number | string {
  if (key === 'name') return c.name.toLowerCase();
  if (key === 'saving') return saving(c);
  return c[key] ?? 0;
}

/** One row a company, most to save first; a header orders by its column; a row shows its company. */
export function CompaniesTable({ companies, selected, onSelect }: { companies: CompanyUsage[]; selected?: string; onSelect: (id: string) => void }) {
  const [sort, setSort] = useState<SortKey>('saving');
  const rows = [...companies].sort((a, b) => {
    const [x, y] = [value(a, sort), value(b, sort)];
    // Names A to Z; figures largest first.
    return sort === 'name' ? String(x).localeCompare(String(y)) : Number(y) - Number(x);
  });
  return (
    <Table.ScrollContainer minWidth={760} mah={320}>
      <Table highlightOnHover stickyHeader data-testid="usage-companies" aria-label="Costs per company">
        <Table.Thead>
          <Table.Tr>
            {COLUMNS.map((c) => (
              <Table.Th
                key={c.key}
                ta={c.numeric ? 'right' : undefined}
                aria-sort={c.key === sort ? (sort === 'name' ? 'ascending' : 'descending') : undefined}
              >
                {SORTABLE.includes(c.key) ? (
                  <UnstyledButton
                    data-testid={`usage-sort-${c.key}`}
                    onClick={() => setSort(c.key as SortKey)}
                    style={{ font: 'inherit', display: 'inline-flex', alignItems: 'center', gap: 4 }}
                  >
                    {c.label}
                    {c.key === sort ? <IconArrowDown size={14} aria-hidden /> : <IconArrowsSort size={14} aria-hidden style={{ opacity: 0.4 }} />}
                  </UnstyledButton>
                ) : (
                  c.label
                )}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((c) => (
            <Table.Tr
              key={c.id}
              data-testid="usage-company"
              data-id={c.id}
              data-name={c.name}
              data-idle={c.idle_trackers}
              aria-selected={c.id === selected}
              bg={c.id === selected ? 'var(--mantine-primary-color-light)' : undefined}
              style={{ cursor: 'pointer' }}
              onClick={() => onSelect(c.id)}
            >
              <Table.Td>
                <UnstyledButton onClick={() => onSelect(c.id)} style={{ font: 'inherit', fontWeight: 500 }}>
                  {c.name}
                </UnstyledButton>
              </Table.Td>
              <Table.Td ta="right">{c.trackers}</Table.Td>
              <Table.Td ta="right">{c.numbers}</Table.Td>
              <Table.Td ta="right">{c.calls.toLocaleString()}</Table.Td>
              <Table.Td ta="right">{money(c.monthly)}</Table.Td>
              <Table.Td ta="right">{c.idle_trackers}</Table.Td>
              <Table.Td ta="right" fw={saving(c) > 0 ? 600 : undefined}>
                {money(saving(c))}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
