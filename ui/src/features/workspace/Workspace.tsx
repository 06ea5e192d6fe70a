import { Box, Center, Loader, Stack, Text } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { events } from '../../bindings';
import type { Connection, FilePlan } from '../../types';
import { BulkPanel } from '../bulk/BulkPanel';
import { UnfinishedRuns } from '../bulk/UnfinishedRuns';
import { ConnectionsPanel } from '../connections/ConnectionsPanel';
import { ErrorBanner } from '../errors/ErrorBanner';
import { HistoryPanel } from '../history/HistoryPanel';
import { CommandPalette, type PaletteAction } from '../palette/CommandPalette';
import { rememberCompany } from '../palette/recent';
import { SettingsPanel } from '../settings/SettingsPanel';
import { StoreBanner } from '../settings/StoreBanner';
import { TrackersScreen } from '../trackers/TrackersScreen';
import { UsagePanel } from '../usage/UsagePanel';
import { screenCommands, type ScreenCommands } from './screenCommands';
import { ContextLine } from './ContextLine';
import { Header } from './Header';
import { SelectionContext, scopeOf } from './selection';
import { SHORTCUTS, type ShortcutId } from './shortcuts';
import { useWorkspace, type WorkspaceState } from './useWorkspace';
import { PanelBoundary } from '../../components/PanelBoundary';

export function Workspace({ connections }: { connections: Connection[] }) {
  const ws = useWorkspace(connections);
  const [panelOpen, panel] = useDisclosure(false);
  const [settingsOpen, settings] = useDisclosure(false);
  const [bulkOpen, bulk] = useDisclosure(false);
  const [usageOpen, usage] = useDisclosure(false);
  // A plan made from trackers selected in the table, shown when the Bulk screen opens.
  const [bulkPlan, setBulkPlan] = useState<FilePlan | null>(null);
  const openBulk = (plan: FilePlan | null) => {
    setBulkPlan(plan);
    bulk.open();
  };
  const [history, setHistory] = useState<HistoryTarget | null>(null);
  const [paletteOpen, palette] = useDisclosure(false);
  // What the palette, a shortcut or the Go menu asks of the trackers screen.
  const [bus] = useState(screenCommands);
  const selection = { connection: ws.connection, account: ws.account, company: ws.company };
  const connId = ws.connection.id;
  const accId = ws.account?.id;
  const companyId = ws.company?.id;
  useEffect(() => {
    if (accId && companyId) rememberCompany(connId, accId, companyId);
  }, [connId, accId, companyId]);
  const act = (id: PaletteAction) => {
    if (id === 'history') setHistory({});
    else if (id === 'settings') settings.open();
    else if (id === 'bulk') openBulk(null);
    else if (id === 'usage') usage.open();
    else bus.send({ kind: id });
  };
  const shortcut = (id: ShortcutId) => (id === 'palette' ? palette.open() : act(id));
  // The Go menu's items (and their keys, which the OS menu takes before the page sees them).
  const fromMenu = useRef(shortcut);
  useEffect(() => {
    fromMenu.current = shortcut;
  });
  useEffect(() => {
    const unlisten = events.menuCommand
      .listen((e) => {
        const id = e.payload.action as ShortcutId;
        if (id in SHORTCUTS) fromMenu.current(id);
      })
      .catch(() => undefined);
    return () => void unlisten.then((stop) => stop?.()).catch(() => undefined);
  }, []);
  useHotkeys(
    [
      [SHORTCUTS.palette.hotkey, palette.open],
      [SHORTCUTS.find.hotkey, () => act('find')],
      [SHORTCUTS.newSource.hotkey, () => act('newSource')],
      [SHORTCUTS.newSession.hotkey, () => act('newSession')],
      [SHORTCUTS.refresh.hotkey, () => act('refresh')],
      [SHORTCUTS.history.hotkey, () => act('history')],
      [SHORTCUTS.settings.hotkey, () => act('settings')],
    ],
    // From inside a field too: the shortcuts all hold Ctrl or Cmd, which typing never does.
    [],
  );
  return (
    <SelectionContext.Provider value={selection}>
      <Box style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
        <Header
          ws={ws}
          connections={connections}
          onPalette={palette.open}
          onManage={panel.open}
          onHistory={() => setHistory({})}
          onBulk={() => openBulk(null)}
          onUsage={usage.open}
          onSettings={settings.open}
        />
        <Box component="main" p="md" style={{ flex: 1, minHeight: 0, overflowY: 'auto', display: 'flex', flexDirection: 'column' }}>
          <Body
            ws={ws}
            commands={bus}
            historyOpen={history !== null}
            onHistory={setHistory}
            onBulkPlan={openBulk}
            onBulk={() => openBulk(null)}
            onSettings={settings.open}
          />
        </Box>
      </Box>
      {accId && (
        <CommandPalette
          opened={paletteOpen}
          conn={connId}
          acc={accId}
          companies={ws.companies.data ?? []}
          currentCompany={companyId}
          onClose={palette.close}
          onAction={act}
          onCompany={ws.chooseCompany}
          onTracker={(hit) => {
            const open = { kind: 'open', id: hit.tracker.id } as const;
            if (hit.company_id && hit.company_id !== companyId) {
              bus.sendToNext(open);
              ws.chooseCompany(hit.company_id);
            } else bus.send(open);
          }}
        />
      )}
      <HistoryPanel
        opened={history !== null}
        trackerId={history?.trackerId}
        trackerName={history?.trackerName}
        onShowAll={() => setHistory({})}
        onClose={() => setHistory(null)}
      />
      <SettingsPanel opened={settingsOpen} onClose={settings.close} />
      {ws.connection && ws.account && (
        <UsagePanel
          opened={usageOpen}
          conn={ws.connection.id}
          acc={ws.account.id}
          onClose={usage.close}
          onBulkPlan={(plan) => {
            usage.close();
            openBulk(plan);
          }}
        />
      )}
      {ws.connection && ws.account && (
        <BulkPanel
          opened={bulkOpen}
          conn={ws.connection.id}
          acc={ws.account.id}
          initial={bulkPlan}
          onClose={bulk.close}
          onHistory={() => {
            bulk.close();
            setHistory({});
          }}
        />
      )}
      <ConnectionsPanel
        opened={panelOpen}
        onClose={panel.close}
        connections={connections}
        onAdded={(c) => {
          ws.chooseConnection(c.id);
          panel.close();
        }}
      />
    </SelectionContext.Provider>
  );
}

/** What History shows: every change, or one tracker's. */
interface HistoryTarget {
  trackerId?: string;
  trackerName?: string;
}

interface BodyProps {
  ws: WorkspaceState;
  commands: ScreenCommands;
  historyOpen: boolean;
  onHistory: (target: HistoryTarget) => void;
  onBulkPlan: (plan: FilePlan) => void;
  onBulk: () => void;
  onSettings: () => void;
}

function Body({ ws, commands, historyOpen, onHistory, onBulkPlan, onBulk, onSettings }: BodyProps) {
  if (ws.accounts.isError) return <ErrorBanner error={ws.accounts.error} onRetry={() => void ws.accounts.refetch()} />;
  if (ws.companies.isError) return <ErrorBanner error={ws.companies.error} onRetry={() => void ws.companies.refetch()} />;
  if (ws.accounts.data?.length === 0) return <Empty text="This API key sees no CallRail account." />;
  if (ws.companies.data?.length === 0) return <Empty text="This account has no companies yet. Add one in CallRail first." />;
  const scope = scopeOf({ connection: ws.connection, account: ws.account, company: ws.company });
  if (!scope) {
    return (
      <Center style={{ flex: 1 }}>
        <Loader aria-label="Loading the account" />
      </Center>
    );
  }
  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }}>
      <StoreBanner onSettings={onSettings} />
      <UnfinishedRuns onOpen={onBulk} />
      <ContextLine />
      <PanelBoundary name="The trackers list" key={`${scope.conn}/${scope.acc}/${scope.company}`}>
        <TrackersScreen
          scope={scope}
          commands={commands}
          historyOpen={historyOpen}
          onHistory={(t) => onHistory({ trackerId: t.id, trackerName: t.name })}
          onBulkPlan={onBulkPlan}
        />
      </PanelBoundary>
    </Stack>
  );
}

function Empty({ text }: { text: string }) {
  return (
    <Center style={{ flex: 1 }}>
      <Text c="dimmed">{text}</Text>
    </Center>
  );
}
