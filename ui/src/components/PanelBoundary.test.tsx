import { mockIPC } from '@tauri-apps/api/mocks';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderInApp } from '../test/render';
import { PanelBoundary } from './PanelBoundary';

let broken = true;
function Fragile() {
  if (broken) throw new Error('rows is not iterable');
  return <p>History is back</p>;
}

describe('a panel that stops working', () => {
  it('says so in that panel, writes the error to the log, and tries again', async () => {
    const logged: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'log_ui_error') logged.push((args as { message: string }).message);
      return null;
    });
    // React reports the caught error on the console too; keep the test output clean.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    renderInApp(
      <>
        <PanelBoundary name="History">
          <Fragile />
        </PanelBoundary>
        <p>The trackers list still works</p>
      </>,
    );
    expect(screen.getByTestId('panel-error')).toHaveTextContent('History stopped working');
    expect(screen.getByText('The trackers list still works')).toBeInTheDocument();
    await waitFor(() => expect(logged[0]).toMatch(/^History: Error: rows is not iterable/));
    broken = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('History is back')).toBeInTheDocument();
    quiet.mockRestore();
  });
});
