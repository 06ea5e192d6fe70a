import { Button, Center, Stack, Text } from '@mantine/core';
import { useDeferredValue, useMemo } from 'react';
import { ErrorBanner } from '../errors/ErrorBanner';
import type { Scope } from '../workspace/selection';
import { useClientFilter } from './clientFilter';
import { CacheAge, OfflineBanner } from './LastSeen';
import { DEFAULT_PARAMS, localView, type ListParams } from './listParams';
import { Pager } from './Pager';
import { TableSkeleton, TrackersTable } from './TrackersTable';
import { useTrackerList } from './useTrackerList';

interface Props {
  scope: Scope;
  text: string;
  params: ListParams;
  selectedId?: string;
  onOpen: (id: string) => void;
  onParams: (change: Partial<ListParams>) => void;
  onClearFilters: () => void;
  checked: ReadonlySet<string>;
  onCheck: (ids: string[], on: boolean) => void;
}

const NO_ROWS: never[] = [];

export function TrackerList({ scope, text, params, selectedId, onOpen, onParams, onClearFilters, checked, onCheck }: Props) {
  const { list, fromCache, offline } = useTrackerList(scope, params);
  // The box shows each keystroke at once; the list follows as soon as React has a moment.
  const query = useDeferredValue(text);
  const loaded = list.data?.rows ?? NO_ROWS;
  const all = params.perPage === 'all';
  const { status, type, order } = params;
  const viewed = useMemo(() => (all ? localView(loaded, { ...DEFAULT_PARAMS, status, type, order }) : loaded), [all, loaded, status, type, order]);
  const rows = useClientFilter(viewed, query);

  if (list.isError && !list.data) {
    return <ErrorBanner error={list.error} onRetry={() => void list.refetch()} />;
  }
  if (!list.data) return <TableSkeleton />;

  const filtering =
    text.trim() !== '' || params.search !== '' || params.status !== DEFAULT_PARAMS.status || params.type !== DEFAULT_PARAMS.type;
  return (
    <Stack gap="xs" style={{ flex: 1, minHeight: 0 }}>
      {offline && <OfflineBanner seenAt={list.data.seen_at} retrying={list.isFetching} onRetry={() => void list.refetch()} />}
      {list.isError && <ErrorBanner error={list.error} onRetry={() => void list.refetch()} />}
      {fromCache && <CacheAge seenAt={list.data.seen_at} />}
      <TrackersTable
        rows={rows}
        selectedId={selectedId}
        busy={list.isPlaceholderData}
        onOpen={onOpen}
        checked={checked}
        onCheck={onCheck}
        empty={<Empty filtering={filtering} text={text || params.search} onClear={onClearFilters} />}
      />
      <Pager page={list.data} shown={rows.length} all={params.perPage === 'all'} loading={list.isFetching} onPage={(page) => onParams({ page })} />
    </Stack>
  );
}

function Empty({ filtering, text, onClear }: { filtering: boolean; text: string; onClear: () => void }) {
  return (
    <Center py="xl" data-testid="trackers-empty">
      <Stack align="center" gap="xs">
        {filtering ? (
          <>
            <Text fw={600}>No trackers match {text ? `“${text}”` : 'these filters'}.</Text>
            <Text size="sm" c="dimmed">
              Try another word, or show every active tracker again.
            </Text>
            <Button variant="light" data-testid="clear-filters" onClick={onClear}>
              Clear filters
            </Button>
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
