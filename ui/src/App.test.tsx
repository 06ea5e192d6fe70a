import { mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { withTables } from './test/tables';
import { describe, expect, it } from 'vitest';
import { App } from './App';
import { AppProviders, makeQueryClient } from './providers';
import { detail, row } from './test/fixtures';
import type { Company, Connection } from './types';

const DEMO: Connection = {
  id: 'demo',
  name: 'Demo agency (sample data)',
  key_hint: 'demo',
  demo: true,
  api_base: 'http://127.0.0.1:4321',
  account_id: 'ACC1',
  company_id: null,
};
const COMPANIES: Company[] = [
  { id: 'COM0', name: 'Closed Co', active: false, time_zone: null, dni_active: null },
  { id: 'COM1', name: 'Acme Plumbing', active: true, time_zone: null, dni_active: true },
  { id: 'COM2', name: 'Bright Dental', active: true, time_zone: null, dni_active: null },
];

function backend(apiOverride: string | null = null, startupProblem: object | null = null) {
  let connections: Connection[] = [];
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC(withTables((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    switch (cmd) {
      case 'list_connections':
        return connections;
      case 'api_override':
        return apiOverride;
      case 'startup_problem':
        return startupProblem;
      case 'start_demo':
        connections = [DEMO];
        return DEMO;
      case 'add_connection': {
        const conn = { ...DEMO, id: 'c1', name: String(args.name), key_hint: '••••9f3e', demo: false, api_base: null };
        connections = [...connections, conn];
        return conn;
      }
      case 'list_accounts':
        return [{ id: 'ACC1', name: 'Peachtree Marketing' }];
      case 'list_companies':
        return COMPANIES;
      case 'remember_selection':
        return null;
      case 'get_tracker':
        return detail({ id: String(args.id) });
      case 'history':
        return [];
      case 'store_info':
        return { kind: 'local', database: null, warning: null, copied_entries: null };
      case 'cached_trackers':
        return null;
      case 'search_account': {
        const pool = { ...row(9, { name: 'Website Pool' }), numbers: ['(312) 555-0100', '(312) 555-0142'], pool_size: 2 };
        const hit = { company_id: 'COM2', company_name: 'Bright Dental', tracker: pool, matched: { kind: 'TrackingNumber', number: '(312) 555-0142' } };
        const found = String(args.term).replace(/\D/g, '').includes('3125550142');
        return { hits: found ? [hit] : [], total: found ? 1 : 0, searched: 40, from_callrail: Boolean(args.askCallrail), seen_at: null };
      }
      case 'list_trackers': {
        const company = (args.request as { company_id: string }).company_id;
        const rows = [row(1, { name: `First of ${company}` }), row(2, { name: `Second of ${company}` })];
        return { rows, page: 1, per_page: 100, total_pages: 1, total_records: 2 };
      }
      default:
        throw new Error(`unexpected ${cmd}`);
    }
  }));
  render(
    <AppProviders client={makeQueryClient()}>
      <App />
    </AppProviders>,
  );
  return { calls, user: userEvent.setup({ delay: null }) };
}

describe('first start', () => {
  it('welcomes, starts the demo, labels it, and picks the first active company', async () => {
    const { calls, user } = backend();
    expect(await screen.findByTestId('welcome')).toHaveTextContent('Welcome to Tracker Desk');
    await user.click(screen.getByTestId('demo-start'));

    expect(await screen.findByTestId('demo-badge')).toHaveTextContent('DEMO — sample data');
    await waitFor(() => expect(screen.getByTestId('context-line')).toHaveTextContent('Peachtree Marketing › Acme Plumbing'));
    expect(screen.getByTestId('connection-select')).toHaveValue('demo');
    expect(screen.getByTestId('account-select')).toHaveValue('ACC1');
    expect(screen.getByTestId('company-select')).toHaveValue('Acme Plumbing');
    expect(screen.getByTestId('company-select')).toHaveAttribute('data-company-id', 'COM1');
    await waitFor(() =>
      expect(calls).toContainEqual({
        cmd: 'remember_selection',
        args: { connectionId: 'demo', accountId: 'ACC1', companyId: 'COM1' },
      }),
    );
    expect(await screen.findByText('First of COM1')).toBeInTheDocument();

    // The company box is searchable: a few letters, then the company.
    await user.click(screen.getByTestId('company-select'));
    await user.clear(screen.getByTestId('company-select'));
    await user.type(screen.getByTestId('company-select'), 'brig');
    await user.click(await screen.findByRole('option', { name: 'Bright Dental' }));
    expect(await screen.findByText('First of COM2')).toBeInTheDocument();
    expect(screen.getByTestId('context-line')).toHaveTextContent('Peachtree Marketing › Bright Dental');
    await waitFor(() =>
      expect(calls).toContainEqual({
        cmd: 'remember_selection',
        args: { connectionId: 'demo', accountId: 'ACC1', companyId: 'COM2' },
      }),
    );
  });

  it('finds which client owns a number with Ctrl+K, then opens that company and the tracker', async () => {
    const { calls, user } = backend();
    await user.click(await screen.findByTestId('demo-start'));
    expect(await screen.findByText('First of COM1')).toBeInTheDocument();

    await user.keyboard('{Control>}k{/Control}');
    const input = await screen.findByTestId('palette-input');
    await waitFor(() => expect(input).toHaveFocus());
    // With nothing typed: the actions, each with its shortcut.
    expect(screen.getByRole('option', { name: /New session tracker\s*Ctrl\+Shift\+N/ })).toBeInTheDocument();

    await user.type(input, '(312) 555-0142');
    const hit = await screen.findByRole('option', { name: /Website Pool.*Bright Dental.*\(312\) 555-0142 \(in its pool of 2\)/ });
    expect(hit).toHaveAttribute('aria-selected', 'true');
    await waitFor(() => expect(screen.getByTestId('palette-status')).toHaveTextContent('Checked in CallRail: 1 of 40 active trackers match.'));
    expect(calls).toContainEqual({ cmd: 'search_account', args: { connectionId: 'demo', accountId: 'ACC1', term: '(312) 555-0142', askCallrail: false } });

    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getAllByTestId('context-line')[0]).toHaveTextContent('Peachtree Marketing › Bright Dental'));
    await waitFor(() => expect(calls).toContainEqual({ cmd: 'get_tracker', args: { connectionId: 'demo', accountId: 'ACC1', id: 'TRK9' } }));
    expect(screen.queryByTestId('palette-input')).not.toBeInTheDocument();
  });

  it('opens a form and History from the keyboard, and Ctrl+K switches to a recent company', async () => {
    const { calls, user } = backend();
    await user.click(await screen.findByTestId('demo-start'));
    expect(await screen.findByText('First of COM1')).toBeInTheDocument();
    await user.keyboard('{Control>}k{/Control}');
    await user.type(await screen.findByTestId('palette-input'), 'bright');
    await user.keyboard('{Enter}');
    expect(await screen.findByText('First of COM2')).toBeInTheDocument();
    // Acme Plumbing is now the recent company the empty palette offers first.
    await user.keyboard('{Control>}k{/Control}');
    await screen.findByTestId('palette-input');
    expect(within(screen.getByRole('listbox', { name: 'Results' })).getAllByRole('option')[0]).toHaveTextContent(
      'Acme PlumbingRecent company',
    );
    await user.keyboard('{Enter}');
    expect(await screen.findByText('First of COM1')).toBeInTheDocument();

    await user.keyboard('{Control>}{Shift>}n{/Shift}{/Control}');
    expect(await screen.findByTestId('form-submit')).toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === 'list_companies').length).toBeGreaterThan(0);
  });

  it('sends a new API key once, and never shows it again', async () => {
    const { calls, user } = backend();
    await user.type(await screen.findByTestId('connection-name'), 'Acme');
    const key = screen.getByTestId('connection-key');
    expect(key).toHaveAttribute('type', 'password');
    await user.click(key);
    await user.paste('secret-key-0000');
    await user.click(screen.getByTestId('connection-save'));
    await waitFor(() => expect(calls).toContainEqual({ cmd: 'add_connection', args: { name: 'Acme', apiKey: 'secret-key-0000' } }));
    expect(await screen.findByTestId('connection-select')).toHaveValue('c1');
    await user.click(screen.getByTestId('manage-connections'));
    const item = await screen.findByTestId('connection-item');
    expect(item).toHaveTextContent('••••9f3e');
    expect(document.body).not.toHaveTextContent('secret-key-0000');
  });
});

describe('the API address', () => {
  it('says so, naming the address, while requests do not go to CallRail', async () => {
    backend('http://127.0.0.1:4321');
    expect(await screen.findByTestId('api-override')).toHaveTextContent('Keys and changes go to http://127.0.0.1:4321');
  });

  it('shows nothing while they do', async () => {
    const { calls } = backend();
    await screen.findByTestId('connection-name');
    await waitFor(() => expect(calls.some((c) => c.cmd === 'api_override')).toBe(true));
    expect(screen.queryByTestId('api-override')).not.toBeInTheDocument();
  });
});

describe('a start that could not open the data', () => {
  it('explains what happened, where the data is and what to do, and asks for nothing else', async () => {
    const { calls } = backend(null, {
      message: 'the local journal was written by a newer Tracker Desk (schema 9); update the app',
      folder: '/home/ana/.local/share/com.trackerdesk.app',
    });
    expect(await screen.findByTestId('startup-problem-message')).toHaveTextContent('newer Tracker Desk');
    expect(screen.getByTestId('startup-problem-folder')).toHaveTextContent('/home/ana/.local/share/com.trackerdesk.app');
    expect(screen.getByTestId('startup-problem')).toHaveTextContent('move the file it names');
    expect(calls.map((c) => c.cmd)).toEqual(['startup_problem']);
  });
});

describe('history', () => {
  it('opens from the header, and from a tracker filtered to it', async () => {
    const { calls, user } = backend();
    await user.click(await screen.findByTestId('demo-start'));
    await user.click(await screen.findByTestId('open-history'));
    const panel = await screen.findByTestId('history-panel');
    expect(await screen.findByTestId('history-empty')).toHaveTextContent(
      'No changes yet: creates, edits and disables are recorded here',
    );
    expect(panel).toHaveAttribute('data-tracker-id', '');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('history-panel')).not.toBeInTheDocument());

    await user.click((await screen.findAllByTestId('tracker-row'))[0]);
    await user.click(await screen.findByTestId('tracker-history'));
    await waitFor(() => expect(screen.getByTestId('history-panel')).toHaveAttribute('data-tracker-id', 'TRK1'));
    await waitFor(() =>
      expect(calls.filter((c) => c.cmd === 'history').at(-1)?.args.filter).toMatchObject({ tracker_id: 'TRK1', limit: 500 }),
    );
    // Esc closes the history on top, and leaves the tracker's panel open underneath.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('history-panel')).not.toBeInTheDocument());
    expect(screen.getByTestId('tracker-detail')).toBeInTheDocument();
  });
});

describe('settings', () => {
  it('opens from the header with where the history is kept, and closes with Esc', async () => {
    const { user } = backend();
    await user.click(await screen.findByTestId('demo-start'));
    await user.click(await screen.findByTestId('open-settings'));
    const panel = await screen.findByTestId('settings-panel');
    await waitFor(() => expect(panel).toHaveTextContent('Kept on this computer'));
    expect(panel).toHaveTextContent('Change history');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('settings-panel')).not.toBeInTheDocument());
  });
});
