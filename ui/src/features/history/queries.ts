import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { commands } from '../../bindings';
import { keys, unwrap } from '../../api';
import type { ExportFormat, HistoryFilter, JournalEntry, TrackerChanges, UpdatePreview } from '../../types';

export function useHistory(filter: HistoryFilter) {
  return useQuery({
    queryKey: keys.historyList(filter),
    queryFn: () => unwrap(commands.history(filter)),
    // The journal is local and cheap to read, and another desk may write to it: read it on every open.
    staleTime: 0,
    // A changed filter keeps the last rows on screen until the new ones arrive (aria-busy meanwhile).
    placeholderData: keepPreviousData,
  });
}

/** Everyone seen in any history read so far, so the person filter offers them all, not only the filtered ones. */
export function useSeenPersons(selected: string): string[] {
  const qc = useQueryClient();
  const seen = new Set<string>();
  for (const [, entries] of qc.getQueriesData<JournalEntry[]>({ queryKey: keys.history })) {
    for (const e of entries ?? []) seen.add(e.person);
  }
  if (selected) seen.add(selected);
  return [...seen].sort((a, b) => a.localeCompare(b));
}

export function useReconcile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(commands.reconcileJournal()),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: keys.history });
      // A lost create may turn out to have happened: the lists may have a tracker more.
      void qc.invalidateQueries({ queryKey: ['trackers'] });
    },
  });
}

export function useExportHistory() {
  return useMutation({
    mutationFn: (v: { filter: HistoryFilter; format: ExportFormat }) => unwrap(commands.exportHistory(v.filter, v.format)),
  });
}

/** The create form for a disabled tracker, from its last active state. */
export function useRecreateForm() {
  return useMutation({
    mutationFn: (v: { conn: string; acc: string; trackerId: string }) =>
      unwrap(commands.recreateForm(v.conn, v.acc, v.trackerId)),
  });
}

export interface RevertPlan {
  entry: JournalEntry;
  changes: TrackerChanges;
  preview: UpdatePreview;
}

/** The inverse of a journaled update, previewed like any edit: nothing is written yet. */
export function useStartRevert() {
  return useMutation({
    mutationFn: async (entry: JournalEntry): Promise<RevertPlan> => {
      const changes = await unwrap(commands.revertChanges(entry.id));
      const preview = await unwrap(
        commands.previewUpdate(entry.connection_id, entry.account_id, entry.tracker_id ?? '', changes),
      );
      return { entry, changes, preview };
    },
  });
}
