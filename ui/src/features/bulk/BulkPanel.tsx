import { Alert, Button, Checkbox, Drawer, Group, NumberInput, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { commands } from '../../bindings';
import { unwrap } from '../../api';
import type { FilePlan, Prices, RunRow } from '../../types';
import { ErrorBanner } from '../errors/ErrorBanner';
import { CostBox } from './CostBox';
import { PlanTable } from './PlanTable';
import { stopRun, useBulkRuns, useQuota, useRunner } from './queries';
import { RunProgress } from './RunProgress';
import { PanelBoundary } from '../../components/PanelBoundary';
import { LIST_PRICES, usePrices } from '../usage/queries';

interface Props {
  opened: boolean;
  conn: string;
  acc: string;
  /** A plan made elsewhere (trackers selected in the table), shown at once. */
  initial: FilePlan | null;
  onClose: () => void;
  onHistory: () => void;
}

/** Bulk changes from a trackers file, in a wide drawer over the trackers. */
export function BulkPanel({ opened, conn, acc, initial, onClose, onHistory }: Props) {
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="92%" title="Bulk changes from a trackers file">
      {/* Mounted only while open: each opening starts from the file. */}
      <PanelBoundary name="Bulk changes">
        <BulkView conn={conn} acc={acc} initial={initial} onHistory={onHistory} />
      </PanelBoundary>
    </Drawer>
  );
}

function BulkView({ conn, acc, initial, onHistory }: Omit<Props, 'opened' | 'onClose'>) {
  const [filePlan, setFilePlan] = useState<FilePlan | null>(initial);
  const [allowDisable, setAllowDisable] = useState(initial?.allow_disable ?? false);
  // Starts from the prices kept in Costs and usage; changed here for this plan only.
  const kept = usePrices().data;
  const [edited, setPrices] = useState<Prices | null>(null);
  const prices = edited ?? kept ?? LIST_PRICES;
  const [showUnchanged, setShowUnchanged] = useState(false);
  const [bought, setBought] = useState<number | string>('');
  const [released, setReleased] = useState<number | string>('');
  const [planning, setPlanning] = useState(false);
  const [planError, setPlanError] = useState<unknown>(null);
  const runner = useRunner();
  const runs = useBulkRuns();

  const plan = async (open: boolean, disable = allowDisable, p = prices) => {
    setPlanning(true);
    setPlanError(null);
    try {
      const next = open
        ? await unwrap(commands.bulkOpen(conn, acc, disable, p))
        : await unwrap(commands.bulkReplan(disable, p));
      if (next) {
        setFilePlan(next);
        setAllowDisable(next.allow_disable);
        runner.clear();
        setBought('');
        setReleased('');
      }
    } catch (e) {
      setPlanError(e);
    } finally {
      setPlanning(false);
    }
  };

  const s = filePlan?.plan.summary;
  const confirmed = !!s && Number(bought) === s.numbers_bought && Number(released) === s.numbers_released;
  const todo = s ? s.create + s.update + s.disable : 0;
  const results = useMemo(() => new Map<number, RunRow>((runner.live?.rows ?? []).map((r) => [r.planned.line, r])), [runner.live]);
  const rows = (filePlan?.plan.rows ?? []).filter((r) => showUnchanged || r.action !== 'unchanged');
  const resumable = (runs.data ?? []).filter((v) => !v.active && v.run.state !== 'cancelled' && (v.counts.pending > 0 || v.counts.unknown > 0));
  const running = !!runner.live && !runner.live.ended;
  const elsewhere = (runs.data ?? []).filter((v) => v.active && v.applied_by && v.run.id !== runner.live?.runId);

  const apply = () =>
    runner.start((channel) => unwrap(commands.bulkApply(Number(bought), Number(released), channel)));
  const resume = (runId: string) => runner.start((channel) => unwrap(commands.bulkResume(runId, channel)));
  const exportResults = async (runId: string) => {
    try {
      if (await unwrap(commands.bulkExportResults(runId))) notifications.show({ message: 'The results were saved.' });
    } catch (e) {
      notifications.show({ color: 'red', message: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <Stack gap="sm" style={{ height: 'calc(100vh - 90px)' }}>
      <QuotaLine conn={conn} acc={acc} />
      {elsewhere.map((v) => (
        <Alert key={v.run.id} color="blue" title={`A bulk run from ${v.run.source || 'a file'} is being applied`} data-testid="bulk-elsewhere">
          <Text size="sm">
            {v.counts.done} of {v.run.rows} row(s) done. It is being applied by {v.applied_by}, so it cannot be resumed here; if that desk stopped, it can be
            resumed here once its lease runs out.
          </Text>
        </Alert>
      ))}
      {resumable.map((v) => (
        <Alert key={v.run.id} color="orange" title={`A bulk run from ${v.run.source || 'a file'} did not finish`} data-testid="bulk-unfinished">
          <Group justify="space-between">
            <Text size="sm">
              {v.counts.done} done, {v.counts.pending} not sent yet, {v.counts.unknown} with an unknown outcome (checked first; nothing is sent twice).
            </Text>
            <Button size="xs" disabled={running} onClick={() => void resume(v.run.id)}>
              Resume it
            </Button>
          </Group>
        </Alert>
      ))}
      <Group gap="sm">
        <Button onClick={() => void plan(true)} loading={planning} disabled={running} data-testid="bulk-open">
          Open a trackers file…
        </Button>
        {filePlan && (
          <Button variant="default" onClick={() => void plan(false)} loading={planning} disabled={running} data-testid="bulk-replan">
            Plan again

          </Button>
        )}
        <Checkbox
          label="Allow disabling (releases numbers for good)"
          checked={allowDisable}
          disabled={running}
          onChange={(e) => {
            setAllowDisable(e.currentTarget.checked);
            if (filePlan) void plan(false, e.currentTarget.checked);
          }}
        />
        <NumberInput size="xs" w={120} label="Local, $/month" min={0} decimalScale={2} value={prices.local ?? 0}
          onChange={(v) => setPrices({ ...prices, local: Number(v) || 0 })} onBlur={() => filePlan && void plan(false)} />
        <NumberInput size="xs" w={120} label="Toll-free, $/month" min={0} decimalScale={2} value={prices.toll_free ?? 0}
          onChange={(v) => setPrices({ ...prices, toll_free: Number(v) || 0 })} onBlur={() => filePlan && void plan(false)} />
      </Group>
      {!filePlan && !planError && (
        <Text c="dimmed" size="sm">
          Export trackers with <code>trackerdesk trackers export</code> (or write the columns of docs/bulk-csv.md), change them in a
          spreadsheet, and open the file here. Nothing is sent until you have seen the plan and typed what it buys.
        </Text>
      )}
      {planError !== null && <ErrorBanner error={planError} />}
      {filePlan && s && (
        <>
          <CostBox plan={filePlan.plan} />
          <Group justify="space-between">
            <Text size="sm" c={s.errors ? 'red' : undefined} data-testid="bulk-file">
              {filePlan.file_name}: {s.errors ? `${s.errors} row(s) with errors: fix them in the file, then plan it again` : `${todo} row(s) to apply`}
            </Text>
            <Switch size="xs" label="Show unchanged rows" checked={showUnchanged} onChange={(e) => setShowUnchanged(e.currentTarget.checked)} />
          </Group>
          <PlanTable rows={rows} results={results} />
          {!runner.live && s.errors === 0 && todo > 0 && (
            <Group align="flex-end" gap="sm" data-testid="bulk-confirm">
              <NumberInput size="xs" w={170} label={`Type the numbers it buys (${s.numbers_bought})`} min={0} value={bought} onChange={setBought} data-testid="bulk-confirm-bought" />
              <NumberInput size="xs" w={190} label={`Type the numbers it releases (${s.numbers_released})`} min={0} value={released} onChange={setReleased} data-testid="bulk-confirm-released" />
              <Button color="red" disabled={!confirmed} onClick={() => void apply()} data-testid="bulk-apply">
                Apply {todo} row(s)
              </Button>
            </Group>
          )}
        </>
      )}
      {runner.error !== null && <ErrorBanner error={runner.error} />}
      {runner.live && (
        <RunProgress
          live={runner.live}
          onStop={(cancel) => void stopRun(runner.live!.runId, cancel)}
          onResume={() => void resume(runner.live!.runId)}
          onExport={() => void exportResults(runner.live!.runId)}
          onHistory={onHistory}
        />
      )}
    </Stack>
  );
}

/** What is left of the account's CallRail requests, and the share bulk runs leave for the person. */
function QuotaLine({ conn, acc }: { conn: string; acc: string }) {
  const q = useQuota(conn, acc).data;
  if (!q) return null;
  return (
    <Text size="xs" c="dimmed" data-testid="bulk-quota">
      CallRail requests left: {q.hour_limit - q.hour_used} of {q.hour_limit} this hour, {q.day_limit - q.day_used} of {q.day_limit} today.
      Bulk runs stop at {q.bulk_hour_limit} an hour, keeping the rest for you.
    </Text>
  );
}
