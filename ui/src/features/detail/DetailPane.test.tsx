import { withTables } from '../../test/tables';
import { mockIPC } from '@tauri-apps/api/mocks';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { detail, row } from '../../test/fixtures';
import { renderInApp, scope } from '../../test/render';
import { TrackersScreen } from '../trackers/TrackersScreen';

const ROWS = [row(1, { name: 'Alpha' }), row(2, { name: 'Bravo' }), row(3, { name: 'Charlie' })];

function setup() {
  mockIPC(withTables((cmd, args) => {
    if (cmd === 'cached_trackers') return null;
    if (cmd === 'list_trackers') return { rows: ROWS, page: 1, per_page: 100, total_pages: 1, total_records: 3, offline: false, seen_at: null };
    if (cmd === 'get_tracker') {
      const r = ROWS.find((x) => x.id === (args as { id: string }).id)!;
      return detail({ id: r.id, name: r.name });
    }
    throw new Error(`unexpected ${cmd}`);
  }));
  const view = renderInApp(<TrackersScreen scope={scope} />);
  return { view, user: userEvent.setup({ delay: null }) };
}

const rowOf = (name: string) => screen.getAllByTestId('tracker-row').find((r) => r.getAttribute('data-name') === name)!;

describe('the details pane beside the table', () => {
  beforeEach(() => localStorage.clear());

  it('follows ↓ and ↑ through the trackers while it shows, and Esc gives the keyboard back to the row', async () => {
    const { user } = setup();
    await screen.findAllByTestId('tracker-row');
    rowOf('Alpha').focus();
    // Moving before anything is open only moves.
    await user.keyboard('{ArrowDown}');
    expect(screen.queryByTestId('detail-pane')).toBeNull();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('tracker-detail')).toHaveTextContent('Bravo'));
    // The table stays in use: the details are beside it, not over it.
    expect(rowOf('Bravo')).toHaveFocus();
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(screen.getByTestId('tracker-detail')).toHaveTextContent('Charlie'));
    expect(rowOf('Charlie')).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowUp}{ArrowUp}');
    await waitFor(() => expect(screen.getByTestId('tracker-detail')).toHaveTextContent('Alpha'));

    // From inside the pane too.
    screen.getByTestId('edit-tracker').focus();
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('detail-pane')).toBeNull();
    await waitFor(() => expect(rowOf('Alpha')).toHaveFocus());
  });

  it('is resized from its edge by keyboard, keeps its width, and closes with its button', async () => {
    const { view, user } = setup();
    await user.click((await screen.findAllByTestId('tracker-row'))[0]);
    const grip = await screen.findByTestId('detail-pane-grip');
    expect(grip).toHaveAttribute('aria-valuenow', '440');
    grip.focus();
    await user.keyboard('{ArrowLeft}{ArrowLeft}{ArrowRight}');
    expect(grip).toHaveAttribute('aria-valuenow', '464');
    expect(screen.getByTestId('detail-pane').style.width).toBe('464px');
    await user.click(screen.getByTestId('detail-pane-close'));
    expect(screen.queryByTestId('detail-pane')).toBeNull();

    view.unmount();
    setup();
    await user.click((await screen.findAllByTestId('tracker-row'))[1]);
    expect(await screen.findByTestId('detail-pane-grip')).toHaveAttribute('aria-valuenow', '464');
  });
});
