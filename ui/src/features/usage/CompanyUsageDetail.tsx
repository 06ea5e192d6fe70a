import { Button, Checkbox, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { commands } from '../../bindings';
import { unwrap } from '../../api';
import type { CompanyUsage, FilePlan, TrackerUsage, UsageReport } from '../../types';
import { ErrorBanner } from '../errors/ErrorBanner';
import { LIST_PRICES, money, usePrices } from './queries';

interface Props {
  conn: string;
  acc: string;
  report: UsageReport;
  company: CompanyUsage;
  onBulkPlan: (plan: FilePlan) => void;
  onVisitorsSaved: () => void;
}

/** Idle trackers listed one by one; the rest are in the plan. */
const SHOWN = 100;

/** One company: its idle trackers, to disable through a bulk plan, and its pools' sizes. */
export function CompanyUsageDetail({ conn, acc, report, company, onBulkPlan, onVisitorsSaved }: Props) {
  const trackers = report.trackers.filter((t) => t.company_id === company.id);
  const idle = trackers.filter((t) => t.idle);
  const pools = trackers.filter((t) => t.session && !t.idle);
  // Every idle tracker is ticked to begin with: the person unticks the ones to keep.
  const [kept, setKept] = useState<ReadonlySet<string>>(new Set());
  const [planning, setPlanning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const prices = usePrices().data ?? LIST_PRICES;
  const chosen = idle.filter((t) => !kept.has(t.id));

  const plan = async () => {
    setPlanning(true);
    setError(null);
    try {
      const ids = chosen.map((t) => t.id);
      onBulkPlan(await unwrap(commands.bulkPlanSelection(conn, acc, company.id, ids, { kind: 'disable' }, prices)));
    } catch (e) {
      setError(e);
    } finally {
      setPlanning(false);
    }
  };

  return (
    <Stack gap="sm" data-testid="usage-company-detail" data-company={company.name}>
      <Title order={3} size="h4">
        {company.name}
      </Title>
      {idle.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="usage-no-idle">
          Every tracker of {company.name} took a call in the last {report.days} days, or is younger than that.
        </Text>
      ) : (
        <>
          <Text size="sm">
            Nobody called these {idle.length} {idle.length === 1 ? 'tracker' : 'trackers'} in the last {report.days} days. Disabling
            releases their numbers for good: update any ad, listing or print that still shows one first.
          </Text>
          <Table data-testid="usage-idle" aria-label={`Idle trackers of ${company.name}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>
                  <Checkbox
                    aria-label="Tick every idle tracker"
                    checked={chosen.length === idle.length}
                    indeterminate={chosen.length > 0 && chosen.length < idle.length}
                    onChange={() => setKept(new Set(chosen.length === idle.length ? idle.map((t) => t.id) : []))}
                  />
                </Table.Th>
                <Table.Th>Tracker</Table.Th>
                <Table.Th>Numbers</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th ta="right">Cost a month</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {idle.slice(0, SHOWN).map((t) => (
                <IdleRow key={t.id} t={t} ticked={!kept.has(t.id)} onTick={(on) => setKept(toggle(kept, t.id, !on))} />
              ))}
            </Table.Tbody>
          </Table>
          {idle.length > SHOWN && (
            <Text size="sm" c="dimmed" data-testid="usage-idle-more">
              And {(idle.length - SHOWN).toLocaleString()} more idle trackers, ticked with the box above: the plan lists every one.
            </Text>
          )}
          <Group>
            <Button color="red" variant="light" disabled={chosen.length === 0} loading={planning} onClick={() => void plan()} data-testid="usage-disable">
              Disable these {chosen.length}…
            </Button>
            <Text size="sm" c="dimmed">
              Saves {money(chosen.reduce((sum, t) => sum + (t.monthly ?? 0), 0))} a month. The plan opens on the Bulk screen, and nothing is
              disabled until you confirm it there.
            </Text>
          </Group>
          {error != null && <ErrorBanner error={error} />}
        </>
      )}
      {pools.length > 0 && (
        <Stack gap="xs" data-testid="usage-pools">
          <Title order={4} size="h5">
            Website pools
          </Title>
          {pools.map((t) => (
            <PoolLine key={t.id} acc={acc} t={t} onSaved={onVisitorsSaved} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function toggle(set: ReadonlySet<string>, id: string, on: boolean): ReadonlySet<string> {
  const next = new Set(set);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}

function IdleRow({ t, ticked, onTick }: { t: TrackerUsage; ticked: boolean; onTick: (on: boolean) => void }) {
  return (
    <Table.Tr data-testid="usage-idle-row" data-name={t.name} data-numbers={t.numbers.length}>
      <Table.Td>
        <Checkbox aria-label={`Tick ${t.name}`} checked={ticked} onChange={(e) => onTick(e.currentTarget.checked)} />
      </Table.Td>
      <Table.Td fw={500}>{t.name}</Table.Td>
      <Table.Td>{t.numbers.join(', ')}</Table.Td>
      <Table.Td>{t.created_at ? new Date(t.created_at).toLocaleDateString() : '—'}</Table.Td>
      <Table.Td ta="right">{money(t.monthly)}</Table.Td>
    </Table.Tr>
  );
}

/** A pool's calls, its numbers nobody called, the advice, and the site's monthly visitors to judge it by. */
function PoolLine({ acc, t, onSaved }: { acc: string; t: TrackerUsage; onSaved: () => void }) {
  const [visitors, setVisitors] = useState<number | string>(t.pool?.monthly_visitors ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const monthly = visitors === '' ? null : Number(visitors);
    if (monthly === (t.pool?.monthly_visitors ?? null)) return;
    try {
      await unwrap(commands.setPoolVisitors(acc, t.id, monthly));
      setError(null);
      onSaved();
    } catch (e) {
      setError(String((e as { message?: string }).message ?? e));
    }
  };
  return (
    <Group align="flex-start" wrap="nowrap" gap="md" data-testid="usage-pool" data-name={t.name}>
      <Stack gap={2} style={{ flex: 1 }}>
        <Text size="sm" fw={500}>
          {t.name}: {t.calls} calls; {t.numbers_never_called.length} of {t.numbers.length} numbers took none.
        </Text>
        <Text size="sm" c={(t.pool?.saving ?? 0) > 0 ? undefined : 'dimmed'} data-testid="usage-pool-advice">
          {t.pool?.advice}
          {(t.pool?.saving ?? 0) > 0 ? ` Saves ${money(t.pool?.saving)} a month.` : ''}
        </Text>
      </Stack>
      <NumberInput
        w={170}
        size="xs"
        label="Monthly visitors"
        min={1}
        thousandSeparator=","
        value={visitors}
        onChange={setVisitors}
        onBlur={() => void save()}
        error={error}
      />
    </Group>
  );
}
