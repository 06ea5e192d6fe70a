import { mockIPC } from '@tauri-apps/api/mocks';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { detail } from '../../test/fixtures';
import { renderInApp, scope } from '../../test/render';
import { DisableDialog } from './DisableDialog';

describe('disable dialog', () => {
  it('keeps the red button disabled until the exact name is typed', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === 'disable_tracker') return { tracker: detail({ status: 'disabled' }), reconciled: null, warnings: [] };
      throw new Error(`unexpected ${cmd}`);
    });
    const onClose = vi.fn();
    const tracker = detail({ name: 'Billboard I-85', numbers: ['(470) 555-0142'] });
    renderInApp(<DisableDialog scope={scope} tracker={tracker} onClose={onClose} />);
    const user = userEvent.setup({ delay: null });

    expect(screen.getByTestId('disable-numbers')).toHaveTextContent('(470) 555-0142');
    expect(screen.getByRole('dialog')).toHaveTextContent(/for good/);
    expect(screen.getByRole('dialog')).toHaveTextContent(/call history stays/i);
    expect(screen.getByRole('dialog')).toHaveTextContent(/cannot be turned back on/);
    expect(screen.getByTestId('context-line')).toHaveTextContent('Peachtree Marketing › Acme Plumbing');

    const input = screen.getByTestId('disable-name-input');
    const confirm = screen.getByTestId('disable-confirm');
    expect(confirm).toBeDisabled();
    await user.type(input, 'Billboard');
    expect(confirm).toBeDisabled();
    await user.clear(input);
    await user.type(input, 'billboard i-85');
    expect(confirm).toBeDisabled();
    await user.clear(input);
    await user.type(input, 'Billboard I-85');
    expect(confirm).toBeEnabled();

    await user.click(confirm);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(calls).toContainEqual({
      cmd: 'disable_tracker',
      args: { connectionId: 'demo', accountId: 'ACC1', id: 'TRK1', confirmName: 'Billboard I-85' },
    });
  });
});
