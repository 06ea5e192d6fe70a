import { isIpcFailure } from '../../api';

export const KEYRING_HELP =
  'Tracker Desk keeps API keys in your computer’s keyring, never in a file: GNOME Keyring or KWallet on Linux, ' +
  'Keychain on macOS, Credential Manager on Windows. Make sure it is installed, running and unlocked, then try again.';

/** One sentence for places too small for the full error banner. */
export function errorText(e: unknown): string {
  if (!isIpcFailure(e)) return e instanceof Error ? e.message : String(e);
  if (e.error.kind === 'Keyring') return `${KEYRING_HELP} (${e.error.data.message})`;
  return e.message;
}
