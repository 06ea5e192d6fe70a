import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { IpcFailure, unwrap } from '../../api';
import { renderInApp } from '../../test/render';
import type { IpcError } from '../../types';
import { ErrorBanner } from './ErrorBanner';

const show = (error: IpcError, onRetry?: () => void) => renderInApp(<ErrorBanner error={new IpcFailure(error)} onRetry={onRetry} />);

describe('error presentation', () => {
  it('offers to re-enter the API key when CallRail refuses it', async () => {
    show({ kind: 'Unauthorized', data: { message: 'CallRail refused the API key' } });
    expect(screen.getByTestId('error-banner')).toHaveTextContent('CallRail refused the API key');
    await userEvent.click(screen.getByRole('button', { name: 'Re-enter API key' }));
    expect(await screen.findByTestId('replace-key-input')).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toHaveTextContent('••••1a2b');
  });

  it('says how many seconds to wait when rate limited', () => {
    show({ kind: 'RateLimited', data: { retry_after_s: 42, message: 'too many requests' } });
    expect(screen.getByTestId('error-banner')).toHaveTextContent('CallRail is limiting requests; try again in 42 seconds');
  });

  it('offers Retry for network failures', async () => {
    const retry = vi.fn();
    show({ kind: 'Network', data: { message: 'could not connect to api.callrail.com' } }, retry);
    expect(screen.getByTestId('error-banner')).toHaveTextContent('could not connect');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(retry).toHaveBeenCalledOnce();
  });

  it('warns to check CallRail before retrying an unknown outcome', () => {
    show({ kind: 'OutcomeUnknown', data: { message: 'the answer was lost' } });
    expect(screen.getByTestId('error-banner')).toHaveTextContent(/Check the trackers in CallRail .* before trying again/);
  });

  it('explains the system keyring', () => {
    show({ kind: 'Keyring', data: { message: 'no Secret Service' } });
    const banner = screen.getByTestId('error-banner');
    for (const name of ['GNOME Keyring', 'KWallet', 'Keychain', 'Credential Manager']) expect(banner).toHaveTextContent(name);
  });

  it('lists validation errors by field', () => {
    show({ kind: 'Validation', data: { errors: [{ field: 'pool_size', message: 'a pool can only grow' }] } });
    expect(screen.getByTestId('error-banner')).toHaveTextContent('Pool size: a pool can only grow');
  });

  it.each([
    [{ kind: 'Forbidden', data: { message: 'read-only key' } }, 'read-only key'],
    [{ kind: 'NotFound', data: { message: 'no tracker TRK9' } }, 'no tracker TRK9'],
    [{ kind: 'Api', data: { status: 500, message: 'internal error' } }, 'internal error'],
    [{ kind: 'ConfirmationRequired', data: { numbers: 8, message: 'confirm 8 numbers' } }, 'confirm 8 numbers'],
    [{ kind: 'Storage', data: { message: 'disk full' } }, 'disk full'],
  ] as [IpcError, string][])('shows the message for %o', (error, text) => {
    show(error);
    expect(screen.getByTestId('error-banner')).toHaveTextContent(text);
  });

  it('shows a kind it does not know yet, with its text', () => {
    show({ kind: 'Quota', data: { message: 'the hour is spent' } } as unknown as IpcError);
    expect(screen.getByTestId('error-banner')).toHaveTextContent('Something went wrong');
    expect(screen.getByTestId('error-banner')).toHaveTextContent('the hour is spent');
  });

  it("shows Tauri's own plain-string rejection with its text", async () => {
    const failed = await unwrap(
      Promise.resolve({ status: 'error' as const, error: 'command search_everything not found' as unknown as IpcError }),
    ).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    renderInApp(<ErrorBanner error={failed} />);
    expect(screen.getByTestId('error-banner')).toHaveTextContent('command search_everything not found');
    expect(screen.getByTestId('error-banner')).not.toHaveTextContent('undefined');
  });
});
