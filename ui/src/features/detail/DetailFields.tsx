import { Group, List, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { CopyText } from '../../components/CopyText';
import { HelpLink } from '../../components/HelpLink';
import type { TrackerDetail } from '../../types';
import { formatDate, onOff } from '../trackers/format';

function none(v: string | null | undefined): string {
  return v && v.trim() ? v : '(none)';
}

/** Every field of a tracker, as a two-column table a screen reader reads row by row. */
export function DetailFields({ t }: { t: TrackerDetail }) {
  const flow = t.call_flow;
  const rows: [string, ReactNode][] = [
    ['Type', t.type === 'session' ? 'Session (a pool of numbers for a website)' : 'Source (one number for one channel)'],
    ['Status', t.status === 'active' ? 'Active' : 'Disabled'],
    ['Numbers', t.numbers.length ? <Lines items={t.numbers} copy="number" /> : '(none)'],
  ];
  if (t.type === 'session') rows.push(['Pool size', `${t.pool_size} numbers`]);
  rows.push(['Destination', t.destination ?? flow.destination ?? '(none)']);
  if (flow.kind === 'advanced') {
    rows.push([
      'Call flow',
      <>
        <Text size="sm">Advanced call flow (read only here):</Text>
        <Lines items={flow.steps.length ? flow.steps : ['(no steps)']} />
        <Text size="sm" c="dimmed">
          Edit this call flow in CallRail.
        </Text>
        <HelpLink href="https://app.callrail.com/">Open CallRail</HelpLink>
      </>,
    ]);
  } else {
    rows.push(['Call flow', flow.kind === 'basic' ? 'Basic: rings the destination' : 'Unknown']);
  }
  rows.push(['Record calls', onOff(flow.recording)]);
  rows.push(['Greeting', flow.greeting_recording_url ? 'A recorded greeting' : none(flow.greeting)]);
  rows.push(['Whisper message', none(t.whisper)]);
  rows.push(['Source', t.source]);
  rows.push(['Text messages (SMS)', t.sms_supported ? onOff(t.sms_enabled) : `${onOff(t.sms_enabled)} (these numbers cannot receive texts)`]);
  rows.push([
    'Swap targets',
    t.swap_targets?.length ? <Lines items={t.swap_targets} /> : 'The destination number (default)',
  ]);
  if (t.type === 'source') rows.push(['Campaign', none(t.campaign_name)]);
  if (t.company_name) rows.push(['Company', t.company_name]);
  rows.push([
    'Tracker id',
    <Group gap={4} wrap="nowrap" key="id">
      <Text size="sm" ff="monospace" truncate>
        {t.id}
      </Text>
      <CopyText value={t.id} label="the tracker id" />
    </Group>,
  ]);
  rows.push(['Created', formatDate(t.created_at)]);
  if (t.disabled_at) rows.push(['Disabled', formatDate(t.disabled_at)]);
  if (t.always_swap) {
    rows.push(['Website swapping', 'Swaps on every website visit, ahead of any session pool in this company.']);
  }
  return (
    <Table variant="vertical" layout="fixed" withTableBorder>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={150}>{label}</Table.Th>
            <Table.Td>{typeof value === 'string' ? <Text size="sm">{value}</Text> : value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** One item a line; with `copy`, each has a Copy button naming it ("Copy number (404) 555-0100"). */
function Lines({ items, copy }: { items: string[]; copy?: string }) {
  return (
    <List size="sm" listStyleType="none">
      {items.map((item, i) => (
        <List.Item key={i}>
          {item}
          {copy && <CopyText value={item} label={`${copy} ${item}`} />}
        </List.Item>
      ))}
    </List>
  );
}
