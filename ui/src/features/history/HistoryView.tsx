import { Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { commands } from '../../bindings';
import { keys, unwrap } from '../../api';
import type { ExportFormat, JournalEntry, TrackerForm } from '../../types';
import { ErrorBanner } from '../errors/ErrorBanner';
import { OFFLINE_WHY, useOffline } from '../trackers/offline';
import { useSelection } from '../workspace/selection';
import { hasFilters, NO_FILTERS, TABLE_LIMIT, toHistoryFilter, type FilterValues } from './filter';
import { HistoryFilters } from './HistoryFilters';
import { HistoryTable } from './HistoryTable';
import { useExportHistory, useHistory, useReconcile, useRecreateForm, useSeenPersons, useStartRevert, type RevertPlan } from './queries';
import { companyLabel, entryTarget, type Target } from './target';

/** What History opens over itself: the create form of a disabled tracker, or an update's inverse. */
export type HistoryOverlay =
  | { kind: 'recreate'; target: Target; form: TrackerForm }
  | { kind: 'revert'; target: Target; plan: RevertPlan }
  | null;

interface Props {
  trackerId?: string;
  trackerName?: string;
  onShowAll: () => void;
  onOverlay: (o: HistoryOverlay) => void;
}

export function HistoryView({ trackerId, trackerName, onShowAll, onOverlay }: Props) {
  const sel = useSelection();
  const conn = sel.connection?.id ?? '';
  const acc = sel.account?.id ?? '';
  const companies = useQuery({
    queryKey: keys.companies(conn, acc),
    queryFn: () => unwrap(commands.listCompanies(conn, acc)),
    enabled: !!conn && !!acc,
  });
  const [values, setValues] = useState<FilterValues>(NO_FILTERS);
  const history = useHistory(toHistoryFilter(values, trackerId, TABLE_LIMIT));
  const persons = useSeenPersons(values.person);
  const [actionError, setActionError] = useState<unknown>(null);
  const [exported, setExported] = useState<string>();
  const reconcile = useReconcile();
  const exporter = useExportHistory();
  const recreate = useRecreateForm();
  const revert = useStartRevert();
  // Only the connection worked in can be written to from here, and not while CallRail is out of reach.
  const offline = useOffline(conn || undefined);

  const targetOf = (e: JournalEntry) => entryTarget(e, sel, companies.data);
  const start = () => {
    setActionError(null);
    setExported(undefined);
  };
  const onExport = (format: ExportFormat) => {
    start();
    // The file gets every entry the filters select, not only the newest the table shows.
    exporter.mutate(
      { filter: toHistoryFilter(values, trackerId), format },
      {
        onSuccess: (n) => setExported(n == null ? undefined : `Saved ${n} ${n === 1 ? 'entry' : 'entries'}`),
        onError: setActionError,
      },
    );
  };
  const onReconcile = () => {
    start();
    reconcile.mutate(undefined, {
      onSuccess: (checked) =>
        notifications.show({
          color: checked.length ? 'green' : 'yellow',
          title: checked.length ? `Checked ${checked.length} interrupted ${checked.length === 1 ? 'change' : 'changes'}` : 'Nothing could be checked now',
          message: checked.length
            ? 'Their outcome now reads as CallRail has it.'
            : 'Tracker Desk could not check these changes (is their connection still here?). It tries again at every start.',
        }),
      onError: setActionError,
    });
  };
  const onRecreate = (e: JournalEntry) => {
    const target = targetOf(e);
    if (typeof target === 'string') return;
    start();
    recreate.mutate(
      { conn: target.scope.conn, acc: target.scope.acc, trackerId: e.tracker_id ?? '' },
      { onSuccess: (form) => onOverlay({ kind: 'recreate', target, form }), onError: setActionError },
    );
  };
  const onRevert = (e: JournalEntry) => {
    const target = targetOf(e);
    if (typeof target === 'string') return;
    start();
    revert.mutate(e, { onSuccess: (plan) => onOverlay({ kind: 'revert', target, plan }), onError: setActionError });
  };

  const entries = history.data ?? [];
  const filtered = hasFilters(values, trackerId);
  return (
    <Stack gap="sm" data-testid="history-panel" data-tracker-id={trackerId ?? ''} aria-busy={history.isFetching}>
      {trackerId && (
        <Group gap="sm">
          <Text size="sm">
            Changes to <b>{trackerName ?? entries[0]?.tracker_name ?? trackerId}</b> only
          </Text>
          <Button size="compact-sm" variant="default" data-testid="history-all-trackers" onClick={onShowAll}>
            Show every tracker
          </Button>
        </Group>
      )}
      <HistoryFilters
        values={values}
        companies={companies.data ?? []}
        persons={persons}
        onChange={(change) => setValues((v) => ({ ...v, ...change }))}
        onExport={onExport}
        exporting={exporter.isPending ? exporter.variables?.format : undefined}
        exported={exported}
      />
      {actionError != null && <ErrorBanner error={actionError} />}
      {history.isError && <ErrorBanner error={history.error} onRetry={() => void history.refetch()} />}
      {history.isPending && (
        <Center py="xl">
          <Loader aria-label="Loading the history" />
        </Center>
      )}
      {history.isSuccess && entries.length === 0 && (
        <Center py="xl">
          <Text c="dimmed" data-testid="history-empty">
            {filtered ? 'No changes match these filters.' : 'No changes yet: creates, edits and disables are recorded here'}
          </Text>
        </Center>
      )}
      {entries.length > 0 && (
        <HistoryTable
          entries={entries}
          companyOf={(e) => companyLabel(e, sel, companies.data)}
          blocked={(e) => {
            const target = targetOf(e);
            return typeof target === 'string' ? target : offline ? OFFLINE_WHY : null;
          }}
          onRecreate={onRecreate}
          onRevert={onRevert}
          onReconcile={onReconcile}
          recreatingTrackerId={recreate.isPending ? recreate.variables?.trackerId : undefined}
          revertingId={revert.isPending ? revert.variables?.id : undefined}
          reconciling={reconcile.isPending}
        />
      )}
      {entries.length >= TABLE_LIMIT && (
        <Text size="sm" c="dimmed">
          Showing the newest {TABLE_LIMIT} changes. Narrow the filters to see older ones; an export writes them all.
        </Text>
      )}
    </Stack>
  );
}
