import { Button, Group, Loader, Text } from '@mantine/core';
import { LongWorkBar } from '../../components/longWork';
import { IconChevronLeft, IconChevronRight, IconRefresh } from '@tabler/icons-react';
import type { ListProgress } from '../../bindings';
import type { TableHead } from '../../types';
import { ariaKeys, keysLabel } from '../workspace/shortcuts';
import { localTime, useRelativeAge } from './age';

interface Props {
  page: TableHead;
  shown: number;
  all: boolean;
  loading: boolean;
  /** Pages read of all, while "All" reads every page. */
  progress: ListProgress | null;
  onCancel: () => void;
  /** When CallRail's answer on screen arrived (ms since the epoch); 0 while none has. */
  updatedAt: number;
  onPage: (page: number) => void;
  onRefresh: () => void;
}

export function Pager({ page, shown, all, loading, progress, onCancel, updatedAt, onPage, onRefresh }: Props) {
  const loaded = page.loaded;
  const total = page.total_records;
  const filtered = shown !== loaded ? `${shown.toLocaleString()} of ${loaded.toLocaleString()} shown` : `${loaded.toLocaleString()} shown`;
  const totalText = total != null ? ` · ${total.toLocaleString()} in total` : '';
  const lastPage = page.total_pages ?? (loaded < page.per_page ? page.page : undefined);
  return (
    <Group justify="space-between" gap="xs">
      <Group gap="xs">
        <Text size="sm" c="dimmed" data-testid="row-count" aria-live="polite">
          {filtered}
          {totalText}
        </Text>
        {loading && progress ? (
          <LongWorkBar progress={progress} unit="Page" label="Reading every tracker" onCancel={onCancel} testId="all-progress" />
        ) : loading ? (
          <Group gap={6} aria-live="polite">
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              Loading{all ? ' every tracker' : ''}…
            </Text>
          </Group>
        ) : (
          updatedAt > 0 && <Updated at={updatedAt} />
        )}
        <Button
          size="xs"
          variant="subtle"
          leftSection={<IconRefresh size={14} aria-hidden />}
          data-testid="refresh-list"
          disabled={loading}
          onClick={onRefresh}
          title={`Ask CallRail again (${keysLabel('refresh')})`}
          aria-keyshortcuts={ariaKeys('refresh')}
        >
          Refresh
        </Button>
      </Group>
      {!all && (
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconChevronLeft size={14} aria-hidden />}
            disabled={page.page <= 1}
            onClick={() => onPage(page.page - 1)}
          >
            Previous
          </Button>
          <Text size="sm">
            Page {page.page}
            {page.total_pages != null ? ` of ${page.total_pages}` : ''}
          </Text>
          <Button
            size="xs"
            variant="default"
            rightSection={<IconChevronRight size={14} aria-hidden />}
            disabled={lastPage != null && page.page >= lastPage}
            onClick={() => onPage(page.page + 1)}
          >
            Next
          </Button>
        </Group>
      )}
    </Group>
  );
}

function Updated({ at }: { at: number }) {
  const iso = new Date(at).toISOString();
  const age = useRelativeAge(iso);
  return (
    <Text size="sm" c="dimmed" data-testid="updated-at" title={localTime(iso)}>
      · updated {age}
    </Text>
  );
}
