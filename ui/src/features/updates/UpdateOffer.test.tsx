import { mockIPC } from '@tauri-apps/api/mocks';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderInApp } from '../../test/render';
import type { AvailableUpdate, IpcError } from '../../types';
import { UpdateOffer } from './UpdateOffer';

const NEWER: AvailableUpdate = { version: '0.2.0', current_version: '0.1.0', notes: 'Faster tracker lists.' };

function setup(found: AvailableUpdate | null, installs: (() => IpcError | null)[] = []) {
  const calls: string[] = [];
  mockIPC((cmd) => {
    calls.push(cmd);
    if (cmd === 'check_for_update') return found;
    if (cmd === 'install_update') {
      const failure = installs.shift()?.();
      if (failure) throw failure;
      return null;
    }
    throw new Error(`unexpected ${cmd}`);
  });
  renderInApp(<UpdateOffer />);
  return { calls, user: userEvent.setup({ delay: null }) };
}

describe('updates', () => {
  it('offers a newer version with its notes, and installs it only when asked', async () => {
    const { calls, user } = setup(NEWER, [() => null]);
    const offer = await screen.findByTestId('update-offer');
    expect(offer).toHaveTextContent('Tracker Desk 0.2.0 is available');
    expect(offer).toHaveTextContent('You have 0.1.0');
    expect(screen.getByTestId('update-notes')).toHaveTextContent('Faster tracker lists.');
    expect(calls).toEqual(['check_for_update']);

    await user.click(screen.getByTestId('update-install'));
    await waitFor(() => expect(calls).toEqual(['check_for_update', 'install_update']));
  });

  it('shows why an install failed and lets the person try again', async () => {
    const refused: IpcError = {
      kind: 'Update',
      data: { message: 'The update to 0.2.0 was not installed: the signature is not valid. This version keeps running.' },
    };
    const { calls, user } = setup(NEWER, [() => refused, () => null]);
    await user.click(await screen.findByTestId('update-install'));
    expect(await screen.findByTestId('error-banner')).toHaveTextContent('Tracker Desk was not updated');
    expect(screen.getByTestId('error-banner')).toHaveTextContent('the signature is not valid');

    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(calls.filter((c) => c === 'install_update')).toHaveLength(2));
  });

  it('goes away for this session on “Later”', async () => {
    const { calls, user } = setup(NEWER);
    await user.click(await screen.findByRole('button', { name: 'Later' }));
    expect(screen.queryByTestId('update-offer')).not.toBeInTheDocument();
    expect(calls).not.toContain('install_update');
  });

  it('shows nothing when this is the newest version', async () => {
    const { calls } = setup(null);
    await waitFor(() => expect(calls).toEqual(['check_for_update']));
    expect(screen.queryByTestId('update-offer')).not.toBeInTheDocument();
  });
});
