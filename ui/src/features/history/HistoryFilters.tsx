import { Button, Group, NativeSelect, Text, TextInput } from '@mantine/core';
import type { Company, ExportFormat, Operation } from '../../types';
import type { FilterValues } from './filter';

interface Props {
  values: FilterValues;
  companies: Company[];
  persons: string[];
  onChange: (change: Partial<FilterValues>) => void;
  onExport: (format: ExportFormat) => void;
  exporting?: ExportFormat;
  /** "Saved 12 entries" after an export; nothing after a cancelled one. */
  exported?: string;
}

const OPERATIONS = [
  { value: 'all', label: 'All operations' },
  { value: 'create', label: 'Create' },
  { value: 'update', label: 'Update' },
  { value: 'disable', label: 'Disable' },
];

export function HistoryFilters({ values, companies, persons, onChange, onExport, exporting, exported }: Props) {
  return (
    <Group justify="space-between" align="flex-end" gap="sm">
      <Group gap="xs" align="flex-end">
        <NativeSelect
          data-testid="history-company"
          label="Company"
          w={200}
          value={values.company}
          onChange={(e) => onChange({ company: e.currentTarget.value })}
          data={[{ value: '', label: 'All' }, ...companies.map((c) => ({ value: c.id, label: c.active ? c.name : `${c.name} (disabled)` }))]}
        />
        <NativeSelect
          data-testid="history-operation"
          label="Operation"
          value={values.operation || 'all'}
          onChange={(e) => {
            const v = e.currentTarget.value;
            onChange({ operation: v === 'all' ? '' : (v as Operation) });
          }}
          data={OPERATIONS}
        />
        <NativeSelect
          data-testid="history-person"
          label="Person"
          w={200}
          value={values.person}
          onChange={(e) => onChange({ person: e.currentTarget.value })}
          data={[{ value: '', label: 'Everyone' }, ...persons.map((p) => ({ value: p, label: p }))]}
        />
        <TextInput
          data-testid="history-since"
          label="From"
          type="date"
          value={values.since}
          max={values.until || undefined}
          onChange={(e) => onChange({ since: e.currentTarget.value })}
          // A value changed without an input event (WebDriver's clear) is picked up on blur.
          onBlur={(e) => e.currentTarget.value !== values.since && onChange({ since: e.currentTarget.value })}
        />
        <TextInput
          data-testid="history-until"
          label="To"
          type="date"
          value={values.until}
          min={values.since || undefined}
          onChange={(e) => onChange({ until: e.currentTarget.value })}
          onBlur={(e) => e.currentTarget.value !== values.until && onChange({ until: e.currentTarget.value })}
        />
      </Group>
      <Group gap="xs" align="center">
        <Text size="sm" c="green" data-testid="history-export-result" role="status">
          {exported ?? ''}
        </Text>
        <Button variant="default" data-testid="history-export-csv" loading={exporting === 'csv'} disabled={!!exporting} onClick={() => onExport('csv')}>
          Export CSV…
        </Button>
        <Button variant="default" data-testid="history-export-json" loading={exporting === 'json'} disabled={!!exporting} onClick={() => onExport('json')}>
          Export JSON…
        </Button>
      </Group>
    </Group>
  );
}
