import { mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderInApp } from '../../test/render';
import { QuitGuard } from './QuitGuard';

describe('quitting with a change on its way', () => {
  it('asks first, starts on Keep, and quits only when told to', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return null;
    }, { shouldMockEvents: true });
    renderInApp(<QuitGuard />);
    const user = userEvent.setup({ delay: null });
    // Until the guard listens, an event goes unheard: send it until it is.
    await waitFor(async () => {
      await emit('quit-requested', { writes: 1 });
      expect(screen.getByTestId('quit-question')).toHaveTextContent('Quitting now leaves it unfinished');
    });
    await waitFor(() => expect(screen.getByTestId('quit-keep')).toHaveFocus());
    await user.click(screen.getByTestId('quit-keep'));
    await waitFor(() => expect(screen.queryByTestId('quit-question')).not.toBeInTheDocument());
    expect(calls).not.toContain('quit_now');

    await emit('quit-requested', { writes: 2 });
    await user.click(await screen.findByTestId('quit-anyway'));
    await waitFor(() => expect(calls).toContain('quit_now'));
  });
});
