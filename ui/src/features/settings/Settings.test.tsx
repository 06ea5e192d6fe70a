import { mockIPC } from '@tauri-apps/api/mocks';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderInApp } from '../../test/render';
import type { Channel } from '@tauri-apps/api/core';
import type { ListProgress } from '../../bindings';
import type { IpcError, StoreInfo } from '../../types';
import { SettingsPanel } from './SettingsPanel';

const LOCAL: StoreInfo = { kind: 'local', database: null, warning: null, copied_entries: null };

function setup(info: StoreInfo, teamAnswer: (args: Record<string, unknown>) => StoreInfo | Promise<StoreInfo>) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    switch (cmd) {
      case 'store_info':
        return info;
      case 'use_team_store':
        return teamAnswer(args);
      case 'cancel_work':
        return null;
      case 'use_local_store':
        return LOCAL;
      case 'person':
        return { name: 'ana', os_user: 'ana', chosen: false };
      case 'quota':
        return { hour_used: 312, hour_limit: 1000, day_used: 2400, day_limit: 10000, bulk_hour_limit: 900, bulk_day_limit: 9000 };
      case 'requests_by_use':
        return [
          { spend: 'listing', requests: 40 },
          { spend: 'search', requests: 95 },
          { spend: 'usage', requests: 0 },
          { spend: 'bulk', requests: 120 },
          { spend: 'writes', requests: 6 },
          { spend: 'other', requests: 11 },
        ];
      case 'set_person_name': {
        const name = args.name as string | null;
        if (name?.includes('@')) {
          throw { kind: 'Validation', data: { errors: [{ field: 'display_name', message: "a name cannot hold '@'" }] } };
        }
        return { name: name ?? 'ana', os_user: 'ana', chosen: name !== null };
      }
      default:
        throw new Error(`unexpected ${cmd}`);
    }
  });
  renderInApp(<SettingsPanel opened onClose={() => undefined} />);
  return { calls, user: userEvent.setup({ delay: null }) };
}

describe('settings › change history', () => {
  it('tests and switches to the team store, copying this computer’s history up', async () => {
    const { calls, user } = setup(LOCAL, () => ({ kind: 'team', database: 'agency_desk', warning: null, copied_entries: 12 }));
    const panel = await screen.findByTestId('settings-panel');
    await waitFor(() => expect(screen.getByTestId('store-kind')).toHaveTextContent('Kept on this computer'));
    expect(panel).toHaveTextContent('system keyring');
    expect(screen.queryByTestId('store-local')).not.toBeInTheDocument();
    expect(screen.getByTestId('store-database')).toHaveValue('tracker_desk');
    expect(screen.getByTestId('store-copy')).toBeChecked();

    await user.type(screen.getByTestId('store-uri'), 'mongodb+srv://desk:s3cret@cluster.example.net');
    await user.clear(screen.getByTestId('store-database'));
    await user.type(screen.getByTestId('store-database'), 'agency_desk');
    await user.click(screen.getByTestId('store-switch'));

    expect(await screen.findByTestId('store-result')).toHaveTextContent('Now sharing history in agency_desk; copied 12 entries');
    expect(calls.find((c) => c.cmd === 'use_team_store')?.args).toMatchObject({
      uri: 'mongodb+srv://desk:s3cret@cluster.example.net',
      database: 'agency_desk',
      copyLocal: true,
    });
    expect(screen.getByTestId('store-uri')).toHaveValue('');
    expect(screen.getByTestId('store-kind')).toHaveTextContent('Shared with your team, in the MongoDB database agency_desk.');

    await user.click(screen.getByTestId('store-local'));
    await waitFor(() => expect(screen.getByTestId('store-kind')).toHaveTextContent('Kept on this computer'));
    expect(calls.some((c) => c.cmd === 'use_local_store')).toBe(true);
  });

  it('shows a refused connection string next to its field, and the team store’s warning', async () => {
    const refused: IpcError = {
      kind: 'Validation',
      data: { errors: [{ field: 'uri', message: 'a MongoDB connection string starts with mongodb:// or mongodb+srv://' }] },
    };
    const warning = 'The team’s MongoDB could not be reached (timed out); changes are kept in this computer’s journal for now.';
    const { calls, user } = setup({ kind: 'local', database: 'tracker_desk', warning, copied_entries: null }, () => {
      throw refused;
    });
    expect(await screen.findByTestId('store-warning')).toHaveTextContent(warning);
    expect(screen.getByTestId('store-local')).toBeInTheDocument();

    await user.click(screen.getByTestId('store-copy'));
    await user.type(screen.getByTestId('store-uri'), 'postgres://nope');
    await user.click(screen.getByTestId('store-switch'));

    const error = await screen.findByTestId('error-uri');
    expect(error).toHaveTextContent('starts with mongodb:// or mongodb+srv://');
    expect(screen.getByTestId('store-uri')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('store-uri')).toHaveAccessibleDescription(/starts with mongodb/);
    expect(screen.queryByTestId('error-database')).not.toBeInTheDocument();
    expect(screen.queryByTestId('store-result')).not.toBeInTheDocument();
    expect(calls.find((c) => c.cmd === 'use_team_store')?.args).toMatchObject({ copyLocal: false });
  });
});

describe('settings › your name in History', () => {
  it('defaults to the computer account, refuses a bad name beside the box, and saves a good one', async () => {
    const { calls, user } = setup(LOCAL, () => LOCAL);
    expect(await screen.findByTestId('person-current')).toHaveTextContent('History shows your changes as “ana”');
    const box = screen.getByTestId('person-name');
    expect(box).toHaveAttribute('placeholder', 'ana');
    await user.type(box, 'ana@agency');
    await user.click(screen.getByTestId('person-save'));
    expect(await screen.findByText("a name cannot hold '@'")).toBeInTheDocument();
    await user.clear(box);
    await user.type(box, 'Ana Ruiz');
    await user.click(screen.getByTestId('person-save'));
    await waitFor(() => expect(screen.getByTestId('person-current')).toHaveTextContent('“Ana Ruiz”'));
    expect(calls.filter((c) => c.cmd === 'set_person_name').at(-1)?.args).toEqual({ name: 'Ana Ruiz' });
  });
});

describe('settings › appearance', () => {
  it('offers System, Light and Dark, and keeps the choice for the next start', async () => {
    const { user } = setup(LOCAL, () => LOCAL);
    const choice = await screen.findByTestId('theme-choice');
    expect(choice).toHaveTextContent('SystemLightDark');
    await user.click(screen.getByRole('radio', { name: 'Dark' }));
    await waitFor(() => expect(document.documentElement).toHaveAttribute('data-mantine-color-scheme', 'dark'));
    // What public/theme-boot.js reads before the app starts, so the next start opens dark at once.
    expect(localStorage.getItem('mantine-color-scheme-value')).toBe('dark');
    await user.click(screen.getByRole('radio', { name: 'System' }));
    await waitFor(() => expect(localStorage.getItem('mantine-color-scheme-value')).toBe('auto'));
  });
});

describe('settings › copying the history up', () => {
  it('shows how many entries are copied, and Cancel stops it with the history left where it was', async () => {
    let stop: (e: unknown) => void = () => undefined;
    const { calls, user } = setup(LOCAL, (args) => {
      (args.onProgress as Channel<ListProgress>).onmessage({ done: 50, total: 420 });
      return new Promise((_, reject) => {
        stop = reject;
      });
    });
    await user.type(await screen.findByTestId('store-uri'), 'mongodb://db.example.net/?tls=true');
    await user.click(screen.getByTestId('store-switch'));
    expect(await screen.findByTestId('store-copy-progress')).toHaveTextContent('Entry 50 of 420');
    await user.click(screen.getByTestId('store-copy-progress-cancel'));
    const work = calls.find((c) => c.cmd === 'use_team_store')?.args.work;
    await waitFor(() => expect(calls.find((c) => c.cmd === 'cancel_work')?.args).toEqual({ work }));
    stop({ kind: 'Cancelled', data: { message: 'stopped before it finished, as asked' } });
    expect(await screen.findByTestId('error-banner')).toHaveTextContent('Stopped');
    expect(screen.getByTestId('store-kind')).toHaveTextContent('Kept on this computer');
  });
});

describe('settings › CallRail’s hour', () => {
  it('shows how much of the hour is gone, and on what this app spent it', async () => {
    const { calls } = setup(LOCAL, () => LOCAL);
    const section = await screen.findByTestId('settings-requests');
    await waitFor(() => expect(section).toHaveTextContent('312 of 1,000 requests used in the last hour'));
    expect(section).toHaveTextContent('This app sent 272 of them');
    const search = section.querySelector('[data-spend="search"]');
    expect(search).toHaveTextContent('Search across companies');
    expect(search).toHaveTextContent('95');
    expect(calls.find((c) => c.cmd === 'requests_by_use')?.args).toEqual({ accountId: 'ACC1' });
  });
});
