import { ActionIcon, Badge, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import type { MouseEvent } from 'react';
import { Blockable } from '../../components/Blockable';
import type { JournalEntry } from '../../types';
import { EntryDetail } from './EntryDetail';
import { formatWhen, OPERATION_LABELS, stateView, UNKNOWN_TOOLTIP } from './filter';

export const HISTORY_COLUMNS = ['', 'When and who', 'Tracker', 'Change', 'Outcome', ''];

export interface RowActions {
  onRecreate: (e: JournalEntry) => void;
  onRevert: (e: JournalEntry) => void;
  onReconcile: () => void;
  /** Why a recreate or revert cannot start from this entry here, or null. */
  blocked: (e: JournalEntry) => string | null;
  recreatingTrackerId?: string;
  revertingId?: string;
  reconciling: boolean;
}

interface Props extends RowActions {
  entry: JournalEntry;
  company: string;
  expanded: boolean;
  onToggle: () => void;
}

/** Buttons inside the row act on their own; a click anywhere else opens the entry. */
const own = (fn: () => void) => (e: MouseEvent) => {
  e.stopPropagation();
  fn();
};

export function HistoryRow({ entry: e, company, expanded, onToggle, ...actions }: Props) {
  const detailId = `history-detail-${e.id}`;
  return (
    <>
      <Table.Tr
        data-testid="history-row"
        data-id={e.id}
        data-operation={e.operation}
        data-state={e.state}
        data-tracker-id={e.tracker_id ?? ''}
        onClick={onToggle}
        style={{ cursor: 'pointer' }}
      >
        <Table.Td>
          <ActionIcon
            variant="subtle"
            data-testid="history-expand"
            aria-expanded={expanded}
            aria-controls={expanded ? detailId : undefined}
            aria-label={expanded ? 'Hide the details of this change' : 'Show the details of this change'}
            onClick={own(onToggle)}
          >
            {expanded ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
          </ActionIcon>
        </Table.Td>
        <Table.Td>
          <Text size="sm" component="time" dateTime={e.created_at} style={{ whiteSpace: 'nowrap' }}>
            {formatWhen(e.created_at)}
          </Text>
          <Text size="xs" c="dimmed" data-testid="history-row-person">
            {e.person}
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{e.tracker_name}</Text>
          <Text size="xs" c="dimmed">
            {company} · {e.connection}
          </Text>
        </Table.Td>
        <Table.Td>
          <Stack gap={4} align="flex-start">
            <Text size="sm">{OPERATION_LABELS[e.operation]}</Text>
            <StateCell entry={e} reconciling={actions.reconciling} onReconcile={actions.onReconcile} />
          </Stack>
        </Table.Td>
        <Table.Td style={{ overflowWrap: 'anywhere' }}>
          <Text size="sm">{e.outcome ?? '—'}</Text>
        </Table.Td>
        <Table.Td>
          <RowButtons entry={e} {...actions} />
        </Table.Td>
      </Table.Tr>
      {expanded && (
        <Table.Tr>
          <Table.Td colSpan={HISTORY_COLUMNS.length}>
            <EntryDetail entry={e} id={detailId} />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

function StateCell({ entry, reconciling, onReconcile }: { entry: JournalEntry; reconciling: boolean; onReconcile: () => void }) {
  const view = stateView(entry.state);
  if (!view.unknown) return <Badge color={view.color} style={{ flexShrink: 0, overflow: 'visible' }}>{view.label}</Badge>;
  return (
    <Group gap={6} wrap="nowrap">
      <Tooltip label={UNKNOWN_TOOLTIP} multiline w={260} events={{ hover: true, focus: true, touch: true }}>
        <Badge color={view.color} tabIndex={0} aria-description={UNKNOWN_TOOLTIP} style={{ flexShrink: 0, overflow: 'visible' }}>
          {view.label}
        </Badge>
      </Tooltip>
      <Button size="compact-xs" variant="light" color="orange" data-testid="history-reconcile" loading={reconciling} onClick={own(onReconcile)}>
        Check now
      </Button>
    </Group>
  );
}

function RowButtons({ entry: e, onRecreate, onRevert, blocked, recreatingTrackerId, revertingId }: RowActions & { entry: JournalEntry }) {
  if (e.state !== 'succeeded') return null;
  if (e.operation === 'disable') {
    return (
      <Blockable reason={blocked(e)} id={`history-why-${e.id}`}>
        {(why) => (
          <Button size="compact-sm" variant="light" data-testid="history-recreate" disabled={!!why} aria-describedby={why} loading={!!e.tracker_id && recreatingTrackerId === e.tracker_id} onClick={own(() => onRecreate(e))}>
            Recreate…
          </Button>
        )}
      </Blockable>
    );
  }
  if (e.operation === 'update') {
    return (
      <Blockable reason={blocked(e)} id={`history-why-${e.id}`}>
        {(why) => (
          <Button size="compact-sm" variant="light" data-testid="history-revert" disabled={!!why} aria-describedby={why} loading={revertingId === e.id} onClick={own(() => onRevert(e))}>
            Revert…
          </Button>
        )}
      </Blockable>
    );
  }
  return null;
}
