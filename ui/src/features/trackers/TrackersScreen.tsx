import { Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { RowSelectionState } from '@tanstack/react-table';
import { useEffect, useRef, useState } from 'react';
import { notifications } from '@mantine/notifications';
import { keys, unwrap } from '../../api';
import { commands } from '../../bindings';
import { useCopy } from '../../components/CopyText';
import { errorText } from '../errors/describe';
import type { TrackerKind } from '../../bindings';
import type { FilePlan, TrackerDetail, TrackerForm, TrackerRow } from '../../types';
import { CreateTrackerModal } from '../create/CreateTrackerModal';
import { TrackerDetailPanel } from '../detail/TrackerDetailPanel';
import { DisableDialog } from '../disable/DisableDialog';
import { DniModal } from '../dni/DniModal';
import { EditTrackerModal } from '../edit/EditTrackerModal';
import { useRecreateForm } from '../history/queries';
import { useSelection, type Scope } from '../workspace/selection';
import { DEFAULT_PARAMS, type ListParams } from './listParams';
import type { ScreenCommand, ScreenCommands } from '../workspace/screenCommands';
import { OFFLINE_WHY, useOffline } from './offline';
import { RowMenu, type RowAction, type RowMenuAt } from './RowMenu';
import { loadView, saveView } from './savedView';
import { SelectionBar } from './SelectionBar';
import { TrackerList } from './TrackerList';
import { TrackerToolbar } from './TrackerToolbar';
import classes from './TrackersScreen.module.css';

type Overlay =
  | { kind: 'create'; type: TrackerKind }
  | { kind: 'recreate'; form: TrackerForm }
  | { kind: 'edit'; tracker: TrackerDetail }
  | { kind: 'disable'; tracker: TrackerDetail }
  | { kind: 'dni' }
  | null;

interface Props {
  scope: Scope;
  /** The palette's, the shortcuts' and the Go menu's commands. */
  commands?: ScreenCommands;
  /** History is open over the screen (from the header or a tracker's panel). */
  historyOpen?: boolean;
  onHistory?: (t: Pick<TrackerDetail, 'id' | 'name'>) => void;
  /** Shows the plan of a change to the ticked trackers on the Bulk screen. */
  onBulkPlan?: (plan: FilePlan) => void;
}

/** The selected company's trackers, and every panel and dialog that starts from them. */
export function TrackersScreen({ scope, commands: bus, historyOpen = false, onHistory, onBulkPlan }: Props) {
  const { company } = useSelection();
  const qc = useQueryClient();
  const searchBox = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [params, setParams] = useState<ListParams>(() => loadView(scope));
  useEffect(() => saveView(scope, params), [scope, params]);
  const [detailId, setDetailId] = useState<string>();
  const [overlay, setOverlay] = useState<Overlay>(null);
  const [checked, setChecked] = useState<RowSelectionState>({});
  const checkedIds = Object.keys(checked).filter((id) => checked[id]);
  const close = () => setOverlay(null);
  const recreate = useRecreateForm();
  // Writes are refused while CallRail is out of reach (nothing is queued): their buttons say so.
  const offline = useOffline(scope.conn);
  const created = (tracker: TrackerDetail) => {
    setDetailId(tracker.id);
    setOverlay(tracker.type === 'session' ? { kind: 'dni' } : null);
  };

  const canCreate = company?.active !== false && !offline;
  const [menu, setMenu] = useState<RowMenuAt | null>(null);
  // Esc in the table or the details closes the details, unless a dialog or menu on top takes it;
  // the keyboard goes back to the tracker's row.
  const covered = overlay !== null || historyOpen || menu !== null;
  const closeDetailOnEscape = (e: React.KeyboardEvent) => {
    if (e.key !== 'Escape' || !detailId || covered || e.defaultPrevented) return;
    e.preventDefault();
    const id = detailId;
    setDetailId(undefined);
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid="tracker-row"][data-id="${CSS.escape(id)}"]`)?.focus());
  };
  const handle = (command: ScreenCommand) => {
    // A dialog already open keeps the keyboard: a shortcut never stacks a second one on it.
    if (overlay && command.kind !== 'open') return;
    if (command.kind === 'open') setDetailId(command.id);
    else if (command.kind === 'find') searchBox.current?.focus();
    else if (command.kind === 'refresh') void qc.invalidateQueries({ queryKey: keys.trackers(scope.conn, scope.acc, scope.company) });
    else if (command.kind === 'dni') setOverlay({ kind: 'dni' });
    else if (canCreate) setOverlay({ kind: 'create', type: command.kind === 'newSource' ? 'source' : 'session' });
  };
  // Subscribed again after each render, so the handler sees the screen as it is now.
  useEffect(() => bus?.subscribe(handle));

  const clipboard = useCopy();
  // Edit and Disable need the whole tracker: read (or reuse) it, then open the dialog over its details.
  const withDetail = (id: string, then: (t: TrackerDetail) => void) =>
    qc
      .fetchQuery({
        queryKey: keys.tracker(scope.conn, scope.acc, id),
        queryFn: () => unwrap(commands.getTracker(scope.conn, scope.acc, id)),
      })
      .then(then, (e: unknown) => notifications.show({ color: 'red', title: 'The tracker could not be read', message: errorText(e) }));
  const rowAction = (action: RowAction, row: TrackerRow) => {
    setMenu(null);
    if (action === 'copy') void clipboard.copy(row.numbers.join(', '));
    else if (action === 'open') setDetailId(row.id);
    else if (action === 'history') onHistory?.(row);
    else if (action === 'dni') setOverlay({ kind: 'dni' });
    else {
      setDetailId(row.id);
      void withDetail(row.id, (tracker) => setOverlay({ kind: action, tracker }));
    }
  };
  useEffect(() => {
    if (clipboard.state === 'copied') notifications.show({ title: 'Copied', message: 'The tracking numbers are on the clipboard.' });
    if (clipboard.state === 'failed') notifications.show({ color: 'red', title: 'Could not copy', message: 'Open the tracker and copy the number by hand.' });
  }, [clipboard.state]);

  // The view before "All", to go back to when its reading is stopped.
  const beforeAll = useRef<ListParams['perPage']>(params.perPage === 'all' ? DEFAULT_PARAMS.perPage : params.perPage);
  const changeParams = (change: Partial<ListParams>) => {
    if (change.perPage === 'all' && params.perPage !== 'all') beforeAll.current = params.perPage;
    // Any change but the page itself starts again from the first page.
    setParams((p) => ({ ...p, page: 1, ...change }));
  };
  const changeText = (value: string) => {
    setText(value);
    // An emptied box also drops the search CallRail was asked for.
    if (!value.trim() && params.search) changeParams({ search: '' });
  };

  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }}>
      <TrackerToolbar
        searchRef={searchBox}
        text={text}
        params={params}
        canCreate={company?.active !== false}
        offline={offline}
        onText={changeText}
        onServerSearch={() => changeParams({ search: text.trim() })}
        onParams={changeParams}
        onNew={(type) => setOverlay({ kind: 'create', type })}
        onDni={() => setOverlay({ kind: 'dni' })}
      />
      {checkedIds.length > 0 && onBulkPlan && (
        <SelectionBar scope={scope} ids={checkedIds} offline={offline} onClear={() => setChecked({})} onPlan={onBulkPlan} />
      )}
      <div className={classes.split} onKeyDown={closeDetailOnEscape}>
        <TrackerList
          scope={scope}
          checked={checked}
          onCheck={setChecked}
          text={text}
          params={params}
          selectedId={detailId}
          onOpen={setDetailId}
          onMenu={(row, x, y) => setMenu({ row, x, y })}
          onParams={changeParams}
          onServerSearch={() => changeParams({ search: text.trim() })}
          onAllCancelled={() => changeParams({ perPage: beforeAll.current })}
          onClearFilters={() => {
            setText('');
            setParams({ ...DEFAULT_PARAMS, sort: params.sort, order: params.order, perPage: params.perPage });
          }}
        />
        {detailId && (
          <TrackerDetailPanel
            scope={scope}
            id={detailId}
            covered={covered}
            onClose={() => setDetailId(undefined)}
            onEdit={(tracker) => setOverlay({ kind: 'edit', tracker })}
            onDisable={(tracker) => setOverlay({ kind: 'disable', tracker })}
            onDni={() => setOverlay({ kind: 'dni' })}
            onHistory={onHistory}
            canRecreate={company?.active !== false}
            offline={offline}
            recreating={recreate.isPending}
            recreateError={recreate.variables?.trackerId === detailId ? recreate.error : null}
            onRecreate={(t) =>
              recreate.mutate(
                { conn: scope.conn, acc: scope.acc, trackerId: t.id },
                { onSuccess: (form) => setOverlay({ kind: 'recreate', form }) },
              )
            }
          />
        )}
      </div>
      <RowMenu at={menu} writeBlocked={offline ? OFFLINE_WHY : null} onAction={rowAction} onClose={() => setMenu(null)} />
      {overlay?.kind === 'recreate' && (
        <CreateTrackerModal
          scope={scope}
          kind={overlay.form.kind}
          recreateFrom={overlay.form}
          onClose={close}
          onCreated={created}
        />
      )}
      {overlay?.kind === 'create' && (
        <CreateTrackerModal
          scope={scope}
          kind={overlay.type}
          onClose={close}
          onCreated={created}
        />
      )}
      {overlay?.kind === 'edit' && <EditTrackerModal scope={scope} tracker={overlay.tracker} onClose={close} />}
      {overlay?.kind === 'disable' && <DisableDialog scope={scope} tracker={overlay.tracker} onClose={close} />}
      <DniModal scope={scope} opened={overlay?.kind === 'dni'} onClose={close} />
    </Stack>
  );
}
