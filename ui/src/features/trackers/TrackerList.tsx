import { Button, Center, Group, Stack, Text } from '@mantine/core';
import type { RowSelectionState } from '@tanstack/react-table';
import { useDeferredValue, useMemo } from 'react';
import type { TrackerRow } from '../../types';
import { ErrorBanner } from '../errors/ErrorBanner';
import type { Scope } from '../workspace/selection';
import { COLUMN_LABELS } from './columns';
import { CacheAge, OfflineBanner } from './LastSeen';
import { DEFAULT_PARAMS, toQuery, type ListParams } from './listParams';
import { Pager } from './Pager';
import { TableSkeleton, TrackersTable } from './TrackersTable';
import { useTrackerList } from './useTrackerList';
import { tableIds, useHeldTable, useTableWindow } from './useTableWindow';

interface Props {
  scope: Scope;
  text: string;
  params: ListParams;
  selectedId?: string;
  onOpen: (id: string) => void;
  onMenu: (row: TrackerRow, x: number, y: number) => void;
  onParams: (change: Partial<ListParams>) => void;
  onClearFilters: () => void;
  /** Asks CallRail for the search box's words, across the company rather than this page. */
  onServerSearch: () => void;
  /** "All" was stopped before every page was read: go back to the view before it. */
  onAllCancelled: () => void;
  checked: RowSelectionState;
  onCheck: (next: RowSelectionState) => void;
}

export function TrackerList({ scope, text, params, selectedId, onOpen, onMenu, onParams, onClearFilters, onServerSearch, onAllCancelled, checked, onCheck }: Props) {
  const { list, fromCache, offline, progress, cancelAll } = useTrackerList(scope, params);
  // The box shows each keystroke at once; the list follows as soon as React has a moment.
  const typedQuery = useDeferredValue(text);
  const { status, type, sort, order, perPage } = params;
  const query = useMemo(
    () => toQuery({ ...DEFAULT_PARAMS, status, type, sort, order, perPage }, typedQuery),
    [status, type, sort, order, perPage, typedQuery],
  );
  const table = list.data?.table;
  useHeldTable(table);
  const view = useTableWindow(table, query, () => void list.refetch());
  const all = perPage === 'all';

  if (list.isError && !list.data) {
    return <ErrorBanner error={list.error} onRetry={() => void list.refetch()} />;
  }
  if (!list.data) return <TableSkeleton />;

  const filtering =
    text.trim() !== '' || params.search !== '' || params.status !== DEFAULT_PARAMS.status || params.type !== DEFAULT_PARAMS.type;
  // The box filters what is loaded: on one page of several, say so, and offer the rest.
  const partial = !all && (list.data.total_pages ?? 1) > 1;
  const typed = text.trim();
  const pageOnlySearch = partial && typed !== '' && typed !== params.search;
  const loaded = list.data.loaded;
  const shown = view.shown ?? loaded;
  return (
    <Stack gap="xs" style={{ flex: 1, minHeight: 0 }}>
      {offline && <OfflineBanner seenAt={list.data.seen_at} retrying={list.isFetching} onRetry={() => void list.refetch()} />}
      {list.isError && <ErrorBanner error={list.error} onRetry={() => void list.refetch()} />}
      {fromCache && <CacheAge seenAt={list.data.seen_at} />}
      {partial && params.sort !== 'name' && (
        <Text size="sm" c="dimmed" data-testid="sort-scope">
          Ordered by {COLUMN_LABELS[params.sort].toLowerCase()} within this page. CallRail orders its pages by name only;
          choose “All” per page to order every tracker.
        </Text>
      )}
      {pageOnlySearch && (
        <Text size="sm" c="dimmed" data-testid="search-scope">
          Searching the {loaded.toLocaleString()} trackers on this page only. Press Enter to search all of this
          company’s trackers in CallRail.
        </Text>
      )}
      <TrackersTable
        count={shown}
        rowAt={view.rowAt}
        onRange={view.onRange}
        idsIn={(start, count) => (table === undefined ? Promise.resolve([]) : tableIds(table, query, start, count))}
        selectedId={selectedId}
        busy={list.isPlaceholderData}
        onOpen={onOpen}
        onMenu={onMenu}
        checked={checked}
        onCheck={onCheck}
        sort={params.sort}
        order={params.order}
        onSort={(sort, order) => onParams({ sort, order })}
        empty={
          <Empty
            filtering={filtering}
            text={text || params.search}
            onClear={onClearFilters}
            onSearchAll={pageOnlySearch ? onServerSearch : undefined}
          />
        }
      />
      <Pager
        page={list.data}
        shown={shown}
        all={params.perPage === 'all'}
        loading={list.isFetching}
        progress={progress}
        onCancel={() => {
          cancelAll();
          onAllCancelled();
        }}
        updatedAt={list.isPlaceholderData || list.data.offline ? 0 : list.dataUpdatedAt}
        onPage={(page) => onParams({ page })}
        onRefresh={() => void list.refetch()}
      />
    </Stack>
  );
}

interface EmptyProps {
  filtering: boolean;
  text: string;
  onClear: () => void;
  /** Offered when only this page was searched. */
  onSearchAll?: () => void;
}

function Empty({ filtering, text, onClear, onSearchAll }: EmptyProps) {
  return (
    <Center py="xl" data-testid="trackers-empty">
      <Stack align="center" gap="xs">
        {filtering ? (
          <>
            <Text fw={600}>No trackers match {text ? `“${text}”` : 'these filters'}.</Text>
            <Text size="sm" c="dimmed">
              {onSearchAll
                ? 'Only this page was searched. Search all of CallRail, try another word, or show every active tracker again.'
                : 'Try another word, or show every active tracker again.'}
            </Text>
            <Group gap="xs">
              {onSearchAll && (
                <Button data-testid="search-all" onClick={onSearchAll}>
                  Search all of CallRail
                </Button>
              )}
              <Button variant="light" data-testid="clear-filters" onClick={onClear}>
                Clear filters
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Text fw={600}>This company has no active trackers yet.</Text>
            <Text size="sm" c="dimmed">
              Create one with “New source tracker” or “New session tracker”.
            </Text>
          </>
        )}
      </Stack>
    </Center>
  );
}
