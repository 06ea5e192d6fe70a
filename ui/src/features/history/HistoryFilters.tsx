import { Button, Group, NativeSelect, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
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
        <DatePickerInput
          type="range"
          data-testid="history-dates"
          label="Dates"
          placeholder="Any day"
          clearable
          allowSingleDateInRange
          w={250}
          valueFormat="MMM D, YYYY"
          value={[values.since || null, values.until || null]}
          onChange={([since, until]) => onChange({ since: since ?? '', until: until ?? '' })}
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
