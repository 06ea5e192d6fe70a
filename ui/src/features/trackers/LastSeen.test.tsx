import { mockIPC } from '@tauri-apps/api/mocks';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { withTables } from '../../test/tables';
import { describe, expect, it } from 'vitest';
import { detail, row } from '../../test/fixtures';
import { renderInApp, scope } from '../../test/render';
import type { TrackerRow } from '../../types';
import type { TrackerPage } from '../../test/tables';
import { TrackersScreen } from './TrackersScreen';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

function page(rows: TrackerRow[], over: Partial<TrackerPage> = {}): TrackerPage {
  return { rows, page: 1, per_page: 100, total_pages: 1, total_records: rows.length, offline: false, seen_at: null, ...over };
}

const names = () => screen.getAllByTestId('tracker-row').map((r) => r.dataset.name);

describe('last-seen trackers', () => {
  it('shows the last-seen rows at once, then replaces them with what CallRail says', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    let answer!: () => void;
    const live = new Promise<void>((resolve) => (answer = resolve));
    mockIPC(withTables(async (cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === 'cached_trackers') return page([row(1, { name: 'Billboard (as last seen)' })], { offline: true, seen_at: minutesAgo(5) });
      if (cmd === 'list_trackers') {
        await live;
        return page([row(1, { name: 'Billboard (renamed)' }), row(2)]);
      }
      throw new Error(`unexpected ${cmd}`);
    }));
    renderInApp(<TrackersScreen scope={scope} />);

    expect(await screen.findByTestId('cache-age')).toHaveTextContent('Last seen 5 minutes ago · refreshing…');
    expect(names()).toEqual(['Billboard (as last seen)']);
    // The stored copy is not an offline answer: CallRail is still being asked.
    expect(screen.queryByTestId('offline-banner')).not.toBeInTheDocument();
    expect(screen.getByTestId('new-source')).toBeEnabled();
    const cached = calls.find((c) => c.cmd === 'cached_trackers')?.args;
    expect((cached as { request: unknown }).request).toEqual((calls.find((c) => c.cmd === 'list_trackers')?.args as { request: unknown }).request);
    expect(cached).toMatchObject({ connectionId: 'demo', accountId: 'ACC1', request: { company_id: 'COM1', status: 'active' } });

    answer();
    await waitFor(() => expect(names()).toEqual(['Billboard (renamed)', 'Billboard 00002']));
    expect(screen.queryByTestId('cache-age')).not.toBeInTheDocument();
  });

  it('says when CallRail cannot be reached, pauses writes, and retries', async () => {
    let online = false;
    const seen = minutesAgo(120);
    mockIPC(withTables((cmd) => {
      switch (cmd) {
        case 'cached_trackers':
          return null;
        case 'list_trackers':
          return online ? page([row(1), row(2)]) : page([row(1)], { offline: true, seen_at: seen });
        case 'get_tracker':
          return detail();
        default:
          throw new Error(`unexpected ${cmd}`);
      }
    }));
    renderInApp(<TrackersScreen scope={scope} />);
    const user = userEvent.setup({ delay: null });

    const banner = await screen.findByTestId('offline-banner');
    expect(banner).toHaveTextContent("CallRail can't be reached. Showing trackers as last seen 2 hours ago (");
    expect(banner).toHaveTextContent(new Date(seen).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
    expect(banner).toHaveTextContent('Creating, editing and disabling are paused until the connection is back.');
    expect(screen.queryByTestId('cache-age')).not.toBeInTheDocument();
    for (const id of ['new-source', 'new-session']) {
      const button = screen.getByTestId(id);
      expect(button).toBeDisabled();
      expect(button).toHaveAccessibleDescription(/nothing is queued/i);
    }

    await user.click(screen.getByTestId('tracker-row'));
    const panel = await screen.findByTestId('tracker-detail');
    expect(await within(panel).findByTestId('edit-tracker')).toBeDisabled();
    expect(within(panel).getByTestId('disable-tracker')).toBeDisabled();
    await user.keyboard('{Escape}');

    online = true;
    await user.click(screen.getByTestId('offline-retry'));
    await waitFor(() => expect(screen.queryByTestId('offline-banner')).not.toBeInTheDocument());
    expect(names()).toHaveLength(2);
    expect(screen.getByTestId('new-source')).toBeEnabled();
    expect(screen.getByTestId('new-session')).toBeEnabled();
  });
});
