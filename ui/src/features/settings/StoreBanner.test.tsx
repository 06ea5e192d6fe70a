import { mockIPC } from '@tauri-apps/api/mocks';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderInApp } from '../../test/render';
import { StoreBanner } from './StoreBanner';

afterEach(() => vi.useRealTimers());

describe('the team store banner', () => {
  it('says while the team’s history does not answer, and goes once it answers again, asked every 5 seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let down = true;
    let asked = 0;
    mockIPC((cmd) => {
      if (cmd !== 'store_info') throw new Error(`unexpected ${cmd}`);
      asked += 1;
      return { kind: 'team', database: 'agency', warning: down ? 'cannot be reached' : null, copied_entries: null };
    });
    const opened: string[] = [];
    renderInApp(<StoreBanner onSettings={() => opened.push('settings')} />);
    expect(await screen.findByTestId('store-banner')).toHaveTextContent('wait until it is back');
    await userEvent.setup({ advanceTimers: vi.advanceTimersByTime }).click(screen.getByTestId('store-banner-settings'));
    expect(opened).toEqual(['settings']);
    down = false;
    await act(() => vi.advanceTimersByTimeAsync(5_100));
    await waitFor(() => expect(screen.queryByTestId('store-banner')).toBeNull());
    expect(asked).toBeGreaterThanOrEqual(2);
  });

  it('shows nothing for this computer’s history', async () => {
    mockIPC(() => ({ kind: 'local', database: null, warning: null, copied_entries: null }));
    const { container } = renderInApp(<StoreBanner onSettings={() => {}} />);
    await waitFor(() => expect(container.querySelector('[data-testid="store-banner"]')).toBeNull());
  });
});
