import { COLUMN_LABELS } from './columns';
import { Button, Group, NativeSelect, Text, TextInput } from '@mantine/core';
import type { Ref } from 'react';
import { ariaKeys, keysLabel } from '../workspace/shortcuts';
import { Blockable } from '../../components/Blockable';
import type { ListParams, PerPageChoice, StatusChoice, TypeChoice } from './listParams';
import { OFFLINE_WHY } from './offline';

interface Props {
  searchRef?: Ref<HTMLInputElement>;
  text: string;
  params: ListParams;
  canCreate: boolean;
  /** CallRail can't be reached: the list is the last-seen copy and writes are refused. */
  offline: boolean;
  onText: (text: string) => void;
  onServerSearch: () => void;
  onParams: (change: Partial<ListParams>) => void;
  onNew: (kind: 'source' | 'session') => void;
  onDni: () => void;
}

export function TrackerToolbar({ searchRef, text, params, canCreate, offline, onText, onServerSearch, onParams, onNew, onDni }: Props) {
  return (
    <Group justify="space-between" align="flex-end" gap="sm">
      <Group gap="xs" align="flex-end">
        <TextInput
          ref={searchRef}
          data-testid="tracker-search"
          label="Search"
          placeholder="Name, number or source"
          title={`Filters the list as you type; press Enter to also search CallRail (${keysLabel('find')})`}
          aria-keyshortcuts={ariaKeys('find')}
          type="search"
          w={260}
          value={text}
          onChange={(e) => onText(e.currentTarget.value)}
          // A value changed without an input event (WebDriver's clear) is picked up on blur.
          onBlur={(e) => e.currentTarget.value !== text && onText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onServerSearch();
            }
          }}
        />
        <NativeSelect
          data-testid="status-filter"
          label="Status"
          value={params.status}
          onChange={(e) => onParams({ status: e.currentTarget.value as StatusChoice })}
          data={[
            { value: 'active', label: 'Active' },
            { value: 'disabled', label: 'Disabled' },
            { value: 'all', label: 'All' },
          ]}
        />
        <NativeSelect
          data-testid="type-filter"
          label="Type"
          value={params.type}
          onChange={(e) => onParams({ type: e.currentTarget.value as TypeChoice })}
          data={[
            { value: 'all', label: 'All types' },
            { value: 'source', label: 'Source' },
            { value: 'session', label: 'Session' },
          ]}
        />
        <NativeSelect
          data-testid="sort-order"
          label="Sort"
          value={params.sort === 'name' ? params.order : 'column'}
          onChange={(e) => onParams({ sort: 'name', order: e.currentTarget.value === 'desc' ? 'desc' : 'asc' })}
          data={[
            { value: 'asc', label: 'Name A → Z' },
            { value: 'desc', label: 'Name Z → A' },
            // Ordered by a column's header: shown here, chosen there.
            ...(params.sort === 'name'
              ? []
              : [{ value: 'column', label: `${COLUMN_LABELS[params.sort]} ${params.order === 'asc' ? '↑' : '↓'}`, disabled: true }]),
          ]}
        />
        <NativeSelect
          data-testid="per-page"
          label="Per page"
          value={params.perPage}
          onChange={(e) => onParams({ perPage: e.currentTarget.value as PerPageChoice })}
          data={[
            { value: '25', label: '25' },
            { value: '50', label: '50' },
            { value: '100', label: '100' },
            { value: '250', label: '250' },
            { value: 'all', label: 'All' },
          ]}
        />
      </Group>
      <Group gap="xs">
        <Button variant="default" data-testid="company-dni" onClick={onDni}>
          Website snippet (DNI)
        </Button>
        {!canCreate && (
          <Text size="sm" c="dimmed">
            This company is disabled in CallRail: no new trackers.
          </Text>
        )}
        <Blockable reason={canCreate && offline ? OFFLINE_WHY : null} id="offline-why-new-source">
          {(why) => (
            <Button
              data-testid="new-source"
              disabled={!canCreate || offline}
              aria-describedby={why}
              title={keysLabel('newSource')}
              aria-keyshortcuts={ariaKeys('newSource')}
              onClick={() => onNew('source')}
            >
              New source tracker
            </Button>
          )}
        </Blockable>
        <Blockable reason={canCreate && offline ? OFFLINE_WHY : null} id="offline-why-new-session">
          {(why) => (
            <Button
              data-testid="new-session"
              disabled={!canCreate || offline}
              aria-describedby={why}
              title={keysLabel('newSession')}
              aria-keyshortcuts={ariaKeys('newSession')}
              onClick={() => onNew('session')}
            >
              New session tracker
            </Button>
          )}
        </Blockable>
      </Group>
    </Group>
  );
}
