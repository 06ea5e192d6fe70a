import { Badge, Box, Group, Kbd, Loader, Modal, ScrollArea, Text, TextInput } from '@mantine/core';
import { useMemo, useState, type KeyboardEvent } from 'react';
import type { Company, SearchHit } from '../../types';
import { errorText } from '../errors/describe';
import { keysLabel, SHORTCUTS, type ShortcutId } from '../workspace/shortcuts';
import { recentCompanies } from './recent';
import { useAccountSearch } from './useAccountSearch';
import { PanelBoundary } from '../../components/PanelBoundary';

export type PaletteAction = Exclude<ShortcutId, 'palette'> | 'bulk' | 'usage' | 'dni';

const ACTIONS: { id: PaletteAction; label: string }[] = [
  ...(['newSource', 'newSession', 'find', 'refresh', 'history', 'settings'] as const).map((id) => ({
    id,
    label: SHORTCUTS[id].label,
  })),
  { id: 'bulk', label: 'Bulk changes from a file' },
  { id: 'usage', label: 'Costs and usage: numbers nobody calls' },
  { id: 'dni', label: 'Website snippet (swap.js)' },
];

type Item =
  | { kind: 'action'; id: PaletteAction; label: string }
  | { kind: 'company'; company: Company; recent: boolean }
  | { kind: 'tracker'; hit: SearchHit };

interface Props {
  opened: boolean;
  conn: string;
  acc: string;
  companies: Company[];
  currentCompany?: string;
  onClose: () => void;
  onAction: (id: PaletteAction) => void;
  onCompany: (id: string) => void;
  onTracker: (hit: SearchHit) => void;
}

/** Ctrl/Cmd+K: companies (recent first), trackers across the account, and actions, by keyboard. */
export function CommandPalette(props: Props) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title="Go to anything"
      size="lg"
      yOffset="8vh"
      data-testid="palette"
    >
      {/* Mounted only while open, so each opening starts empty. */}
      {props.opened && (
        <PanelBoundary name="The search">
          <PaletteBody {...props} />
        </PanelBoundary>
      )}
    </Modal>
  );
}

function PaletteBody({ conn, acc, companies, currentCompany, onClose, onAction, onCompany, onTracker }: Props) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const search = useAccountSearch(conn, acc, query);
  const items = useMemo(
    () => buildItems(query, companies, recentCompanies(conn, acc), currentCompany, search.result?.hits ?? []),
    [query, companies, conn, acc, currentCompany, search.result],
  );
  const current = Math.min(active, Math.max(items.length - 1, 0));

  const choose = (item: Item | undefined) => {
    if (!item) return;
    onClose();
    if (item.kind === 'action') onAction(item.id);
    else if (item.kind === 'company') onCompany(item.company.id);
    else onTracker(item.hit);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 5, PageUp: -5 }[e.key];
    if (step !== undefined) {
      e.preventDefault();
      setActive(Math.min(Math.max(current + step, 0), items.length - 1));
    } else if (e.key === 'Home' && e.ctrlKey) {
      setActive(0);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(items[current]);
    }
  };

  return (
    <Box>
      <TextInput
        data-autofocus
        data-testid="palette-input"
        aria-label="Company, tracker, number or action"
        placeholder="A company, a tracker's name or number, or an action"
        role="combobox"
        aria-expanded
        aria-controls="palette-list"
        aria-activedescendant={items.length ? `palette-option-${current}` : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <SearchStatus search={search} />
      <ScrollArea.Autosize mah="55vh" mt="xs" type="auto">
        <Box id="palette-list" role="listbox" aria-label="Results">
          {items.length === 0 && (
            <Text c="dimmed" size="sm" p="xs" data-testid="palette-empty">
              Nothing matches “{query.trim()}”.
            </Text>
          )}
          {items.map((item, i) => (
            <Option key={keyOf(item)} item={item} index={i} active={i === current} onHover={() => setActive(i)} onChoose={() => choose(item)} />
          ))}
        </Box>
      </ScrollArea.Autosize>
    </Box>
  );
}

function SearchStatus({ search }: { search: ReturnType<typeof useAccountSearch> }) {
  if (!search.enabled) {
    return (
      <Text size="xs" c="dimmed" mt={6}>
        Type two or more characters to search every company of this account; ↑ ↓ to move, Enter to open.
      </Text>
    );
  }
  const r = search.result;
  let text: string;
  if (search.error && !search.checking) text = `CallRail could not be searched: ${errorText(search.error)}. Showing last-seen copies.`;
  else if (!r) text = 'Searching…';
  else if (r.from_callrail) text = `Checked in CallRail: ${r.total} of ${r.searched.toLocaleString()} active trackers match.`;
  else text = `${r.total} match${r.total === 1 ? 's' : ''} in the last-seen copies of ${r.searched.toLocaleString()} trackers.`;
  // CallRail is read a few companies at a time, within the search's share of the hour: say what was left.
  const read = r?.refresh;
  if (read && !search.checking) {
    if (read.companies_read > 0) text += ` ${read.companies_read} ${read.companies_read === 1 ? 'company was' : 'companies were'} read again (${read.requests} requests).`;
    if (read.stopped) text += ` ${read.stopped[0].toUpperCase()}${read.stopped.slice(1)}.`;
  }
  return (
    <Group gap={6} mt={6} aria-live="polite" data-testid="palette-status">
      {search.checking && <Loader size={12} aria-label="Checking CallRail" />}
      <Text size="xs" c="dimmed">
        {text}
        {search.checking ? ' Checking CallRail…' : ''}
        {r && r.total > r.hits.length ? ` Showing the first ${r.hits.length}.` : ''}
      </Text>
    </Group>
  );
}

interface OptionProps {
  item: Item;
  index: number;
  active: boolean;
  onHover: () => void;
  onChoose: () => void;
}

function Option({ item, index, active, onHover, onChoose }: OptionProps) {
  return (
    <Group
      id={`palette-option-${index}`}
      role="option"
      aria-selected={active}
      data-testid="palette-option"
      data-kind={item.kind}
      justify="space-between"
      wrap="nowrap"
      px="xs"
      py={6}
      style={{
        cursor: 'pointer',
        borderRadius: 'var(--mantine-radius-sm)',
        background: active ? 'var(--mantine-primary-color-light)' : undefined,
      }}
      onMouseMove={onHover}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onChoose}
    >
      <OptionText item={item} />
    </Group>
  );
}

function OptionText({ item }: { item: Item }) {
  if (item.kind === 'action') {
    const shortcut = item.id in SHORTCUTS ? keysLabel(item.id as ShortcutId) : null;
    return (
      <>
        <Text size="sm">{item.label}</Text>
        {shortcut && <Kbd size="xs">{shortcut}</Kbd>}
      </>
    );
  }
  if (item.kind === 'company') {
    return (
      <>
        <Text size="sm">{item.company.name}</Text>
        <Text size="xs" c="dimmed">
          {item.recent ? 'Recent company' : 'Company'}
          {item.company.active ? '' : ' · disabled'}
        </Text>
      </>
    );
  }
  const { hit } = item;
  const m = hit.matched;
  const where =
    m.kind === 'TrackingNumber'
      ? hit.tracker.numbers[0] === m.number
        ? m.number
        : `${m.number} (in its pool of ${hit.tracker.pool_size})`
      : m.kind === 'Destination'
        ? `rings ${m.number}`
        : (hit.tracker.numbers[0] ?? '');
  return (
    <>
      <Box style={{ minWidth: 0 }}>
        <Text size="sm" truncate>
          {hit.tracker.name}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          {hit.company_name ?? 'Unknown company'} · {where}
        </Text>
      </Box>
      <Group gap={4} wrap="nowrap">
        {hit.tracker.status !== 'active' && (
          <Badge size="xs" color="gray" variant="light">
            disabled
          </Badge>
        )}
        <Badge size="xs" variant="light">
          {hit.tracker.type === 'session' ? 'Session' : 'Source'}
        </Badge>
      </Group>
    </>
  );
}

function keyOf(item: Item): string {
  if (item.kind === 'action') return `a:${item.id}`;
  if (item.kind === 'company') return `c:${item.company.id}`;
  return `t:${item.hit.tracker.id}`;
}

const words = (s: string) => s.toLowerCase().split(/\s+/).filter(Boolean);

/** Companies first (recent ones on top), then trackers across the account, then actions. */
export function buildItems(
  query: string,
  companies: readonly Company[],
  recent: readonly string[],
  currentCompany: string | undefined,
  hits: readonly SearchHit[],
): Item[] {
  const asked = words(query);
  const has = (text: string) => asked.every((w) => text.toLowerCase().includes(w));
  const rank = (c: Company) => {
    const r = recent.indexOf(c.id);
    return r === -1 ? recent.length : r;
  };
  const matching = companies
    .filter((c) => (asked.length ? has(c.name) : recent.includes(c.id) && c.id !== currentCompany))
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
    .map((company): Item => ({ kind: 'company', company, recent: recent.includes(company.id) }));
  const trackers = hits.map((hit): Item => ({ kind: 'tracker', hit }));
  const actions = ACTIONS.filter((a) => !asked.length || has(a.label)).map((a): Item => ({ kind: 'action', ...a }));
  return [...matching.slice(0, asked.length ? 8 : 5), ...trackers, ...actions];
}
