import { Alert, Button, Drawer, Group, Loader, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { commands } from '../../bindings';
import { isIpcFailure, unwrap, validationErrors } from '../../api';
import { PanelBoundary } from '../../components/PanelBoundary';
import { useLongWork } from '../../components/longWork';
import type { FilePlan, Prices, UsageReport, UsageStep } from '../../types';
import { ErrorBanner } from '../errors/ErrorBanner';
import { CompaniesTable } from './CompaniesTable';
import { CompanyUsageDetail } from './CompanyUsageDetail';
import { LIST_PRICES, money, usePrices, useSavePrices } from './queries';

interface Props {
  opened: boolean;
  conn: string;
  acc: string;
  onClose: () => void;
  /** The plan to disable idle trackers, shown on the Bulk screen to be confirmed there. */
  onBulkPlan: (plan: FilePlan) => void;
}

/** What each client's numbers cost and which ones nobody calls, in a wide drawer over the trackers. */
export function UsagePanel({ opened, conn, acc, onClose, onBulkPlan }: Props) {
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="92%" title="Costs and usage">
      {/* Mounted only while open: each opening reads the days since the last one. */}
      <PanelBoundary name="Costs and usage">
        <UsageView conn={conn} acc={acc} onBulkPlan={onBulkPlan} />
      </PanelBoundary>
    </Drawer>
  );
}

function UsageView({ conn, acc, onBulkPlan }: Pick<Props, 'conn' | 'acc' | 'onBulkPlan'>) {
  const [days, setDays] = useState(30);
  const [company, setCompany] = useState<string | null>(null);
  const work = useLongWork<UsageStep>();
  // Each opening reads the days since the last reading (the counts are kept in Rust, not here).
  const query = useQuery({
    queryKey: ['usage', conn, acc, days],
    queryFn: () => work.run((id, channel) => unwrap(commands.usageReport(conn, acc, [], days, id, channel))),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    placeholderData: keepPreviousData,
  });
  const refresh = () => void query.refetch();
  const report: UsageReport | undefined = query.data;
  // Stopped by the person: what was read is kept, and the next refresh goes on from there.
  const cancelled = isIpcFailure(query.error) && query.error.kind === 'Cancelled';
  const error = cancelled ? null : query.error;

  const shown = report && (report.companies.find((c) => c.id === company) ?? report.companies[0]);
  return (
    <Stack gap="md" data-testid="usage">
      <Group align="flex-end" gap="md">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="usage-window">
            Calls over
          </Text>
          <SegmentedControl
            aria-labelledby="usage-window"
            data-testid="usage-days"
            value={String(days)}
            onChange={(v) => setDays(Number(v))}
            data={[
              { value: '30', label: 'Last 30 days' },
              { value: '90', label: 'Last 90 days' },
            ]}
          />
        </Stack>
        <PricesBox onSaved={refresh} />
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} aria-hidden />}
          loading={work.progress !== null}
          onClick={refresh}
          data-testid="usage-refresh"
        >
          Refresh from CallRail
        </Button>
      </Group>
      {work.progress && <ReadingBar step={work.progress} onCancel={work.cancel} />}
      {error != null && <ErrorBanner error={error} onRetry={refresh} />}
      {cancelled && (
        <Text size="sm" c="dimmed" data-testid="usage-cancelled">
          Stopped. The calls read so far are kept; Refresh goes on from there.
        </Text>
      )}
      {report?.incomplete && (
        <Alert color="yellow" title="Not every call was read" data-testid="usage-incomplete">
          {report.incomplete} Until then no tracker is called idle.
        </Alert>
      )}
      {!report && !error && !cancelled && (
        <Group gap="xs">
          <Loader size="sm" aria-label="Reading CallRail" />
          <Text size="sm" c="dimmed">
            Reading the trackers and their calls from CallRail…
          </Text>
        </Group>
      )}
      {report && (
        <>
          <Text data-testid="usage-summary">
            {report.companies.length} {report.companies.length === 1 ? 'company' : 'companies'}:{' '}
            <b>{money(report.account.monthly)}</b> a month for {report.account.numbers.toLocaleString()} numbers.{' '}
            {report.account.idle_trackers > 0 ? (
              <>
                <b>{report.account.idle_trackers}</b> idle {report.account.idle_trackers === 1 ? 'tracker' : 'trackers'} (no call in {report.days}{' '}
                days): disabling them saves <b>{money(report.account.saving)}</b> a month.
              </>
            ) : (
              'No tracker is idle.'
            )}{' '}
            <Text span size="sm" c="dimmed">
              {report.requests} request(s) to CallRail.
            </Text>
          </Text>
          <CompaniesTable companies={report.companies} selected={shown?.id} onSelect={setCompany} />
          {shown && (
            <CompanyUsageDetail
              key={shown.id}
              conn={conn}
              acc={acc}
              report={report}
              company={shown}
              onBulkPlan={onBulkPlan}
              onVisitorsSaved={refresh}
            />
          )}
        </>
      )}
    </Stack>
  );
}

function ReadingBar({ step, onCancel }: { step: UsageStep; onCancel: () => void }) {
  return (
    <Group gap="sm" data-testid="usage-progress">
      <Loader size="xs" aria-hidden />
      <Text size="sm" aria-live="polite">
        Read {step.tracker_pages} page(s) of trackers and {step.call_pages} page(s) of calls ({step.calls.toLocaleString()} calls).
      </Text>
      <Button size="compact-xs" variant="default" onClick={onCancel} data-testid="usage-cancel">
        Cancel
      </Button>
    </Group>
  );
}

/** What a local and a toll-free number cost a month: kept, and used by every report and bulk plan. */
function PricesBox({ onSaved }: { onSaved: () => void }) {
  const prices = usePrices();
  const save = useSavePrices();
  const [draft, setDraft] = useState<Prices | null>(null);
  const shown = draft ?? prices.data ?? LIST_PRICES;
  const commit = () => {
    if (!draft || (prices.data && draft.local === prices.data.local && draft.toll_free === prices.data.toll_free)) return;
    save.mutate(draft, { onSuccess: onSaved });
  };
  const fields = [
    { key: 'local', label: 'Local, $/month', testId: 'price-local' },
    { key: 'toll_free', label: 'Toll-free, $/month', testId: 'price-toll-free' },
  ] as const;
  return (
    <Group gap="xs" align="flex-end">
      {fields.map((f) => (
        <NumberInput
          key={f.key}
          w={140}
          label={f.label}
          data-testid={f.testId}
          min={0}
          decimalScale={2}
          value={shown[f.key] ?? 0}
          onChange={(v) => setDraft({ ...shown, [f.key]: Number(v) || 0 })}
          onBlur={commit}
          // The Rust rule names the price it refused.
          error={validationErrors(save.error).find((e) => e.field === f.key)?.message}
        />
      ))}
    </Group>
  );
}
