import { Badge, Box, Button, Group, Kbd, NativeSelect, Select, Text } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { ariaKeys, keysLabel } from './shortcuts';
import type { WorkspaceState } from './useWorkspace';
import type { Connection } from '../../types';

interface Props {
  ws: WorkspaceState;
  connections: Connection[];
  onPalette: () => void;
  onManage: () => void;
  onHistory: () => void;
  onBulk: () => void;
  onUsage: () => void;
  onSettings: () => void;
}

export function Header({ ws, connections, onPalette, onManage, onHistory, onBulk, onUsage, onSettings }: Props) {
  const { connection, account, company, accounts, companies } = ws;
  const accountOptions = accounts.data?.map((a) => ({ value: a.id, label: a.name })) ?? [];
  const companyOptions =
    companies.data?.map((c) => ({ value: c.id, label: c.active ? c.name : `${c.name} (disabled)` })) ?? [];
  return (
    <Box component="header" px="md" py="xs" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      <Group justify="space-between" wrap="wrap" align="flex-end" gap="xs">
        <Group gap="sm" wrap="nowrap" align="flex-end" style={{ flexShrink: 0 }}>
          <Box pb={6}>
            <Text fw={700} size="lg" style={{ whiteSpace: 'nowrap' }}>
              Tracker Desk
            </Text>
          </Box>
          {connection.demo && (
            <Box pb={8}>
              <Badge color="grape" size="lg" tt="none" data-testid="demo-badge">
                DEMO — sample data
              </Badge>
            </Box>
          )}
        </Group>
        {/* In a narrow window the buttons go to a second line rather than past the window's edge. */}
        <Group gap="xs" wrap="wrap" justify="flex-end" align="flex-end" ml="auto">
          <NativeSelect
            data-testid="connection-select"
            label="Connection"
            size="xs"
            w={170}
            value={connection.id}
            data={connections.map((c) => ({ value: c.id, label: c.demo ? `${c.name} (demo)` : c.name }))}
            onChange={(e) => ws.chooseConnection(e.currentTarget.value)}
          />
          <NativeSelect
            data-testid="account-select"
            label="Account"
            size="xs"
            w={170}
            value={account?.id ?? ''}
            disabled={!accounts.data?.length}
            data={accountOptions.length ? accountOptions : [{ value: '', label: accounts.isPending ? 'Loading…' : 'No accounts' }]}
            onChange={(e) => ws.chooseAccount(e.currentTarget.value)}
          />
          <Select
            data-testid="company-select"
            data-company-id={company?.id ?? ''}
            label="Company"
            size="xs"
            w={210}
            searchable
            allowDeselect={false}
            nothingFoundMessage="No company of that name"
            placeholder={companies.isPending ? 'Loading…' : 'No companies'}
            value={company?.id ?? null}
            disabled={!companies.data?.length}
            data={companyOptions}
            maxDropdownHeight={360}
            onChange={(id) => id && ws.chooseCompany(id)}
          />
          <Button
            variant="default"
            size="xs"
            h={30}
            data-testid="open-palette"
            onClick={onPalette}
            disabled={!account}
            aria-keyshortcuts={ariaKeys('palette')}
            leftSection={<IconSearch size={14} aria-hidden />}
            rightSection={<Kbd size="xs">{keysLabel('palette')}</Kbd>}
          >
            Find
          </Button>
          <Button variant="default" size="xs" h={30} data-testid="open-bulk" onClick={onBulk} disabled={!account}>
            Bulk
          </Button>
          <Button variant="default" size="xs" h={30} data-testid="open-usage" onClick={onUsage} disabled={!account}>
            Costs
          </Button>
          <Button
            variant="default"
            size="xs"
            h={30}
            data-testid="open-history"
            onClick={onHistory}
            title={keysLabel('history')}
            aria-keyshortcuts={ariaKeys('history')}
          >
            History
          </Button>
          <Button variant="default" size="xs" h={30} data-testid="manage-connections" onClick={onManage}>
            Connections
          </Button>
          <Button
            variant="default"
            size="xs"
            h={30}
            data-testid="open-settings"
            onClick={onSettings}
            title={keysLabel('settings')}
            aria-keyshortcuts={ariaKeys('settings')}
          >
            Settings
          </Button>
        </Group>
      </Group>
    </Box>
  );
}
