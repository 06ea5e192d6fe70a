import { mockIPC } from '@tauri-apps/api/mocks';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderInApp, scope } from '../../test/render';
import type { DniInfo } from '../../types';
import { DniModal } from './DniModal';

const SNIPPET =
  '<script type="text/javascript" src="//cdn.callrail.com/companies/279054151/a74c824140d67442debd/12/swap.js"></script>';

function setup(always: string[]) {
  const calls: { cmd: string; args: unknown }[] = [];
  const info: DniInfo = {
    company_id: 'COM1',
    company_name: 'Acme Plumbing',
    script_url: '//cdn.callrail.com/companies/279054151/a74c824140d67442debd/12/swap.js',
    snippet: SNIPPET,
    dni_active: true,
    always_swap_trackers: always,
  };
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === 'dni_snippet') return info;
    if (cmd === 'plugin:clipboard-manager|write_text') return null;
    throw new Error(`unexpected ${cmd}`);
  });
  renderInApp(<DniModal scope={scope} opened onClose={() => undefined} />);
  return { calls, user: userEvent.setup({ delay: null }) };
}

describe('DNI panel', () => {
  it('shows the snippet exactly as CallRail gives it, and where to paste it', async () => {
    const { calls } = setup([]);
    const snippet = await screen.findByTestId('dni-snippet');
    expect(snippet.textContent).toBe(SNIPPET);
    expect(calls[0]).toEqual({ cmd: 'dni_snippet', args: { connectionId: 'demo', accountId: 'ACC1', companyId: 'COM1' } });
    const panel = screen.getByTestId('dni-panel');
    expect(panel).toHaveTextContent('</body>');
    expect(panel).toHaveTextContent('Google Tag Manager');
    expect(panel).toHaveTextContent('CallTrk.swap()');
    expect(screen.queryByTestId('dni-always-swap-warning')).not.toBeInTheDocument();
  });

  it('warns about source trackers that swap on every visit, by name', async () => {
    setup(['All traffic — spring', 'Homepage banner']);
    const warning = await screen.findByTestId('dni-always-swap-warning');
    expect(warning).toHaveTextContent('All traffic — spring');
    expect(warning).toHaveTextContent('Homepage banner');
    expect(warning).toHaveTextContent(/precedence over any session pool/);
  });

  it('copies the snippet through the clipboard plugin', async () => {
    const { calls, user } = setup([]);
    await user.click(await screen.findByTestId('dni-copy'));
    await waitFor(() => expect(screen.getByTestId('dni-copy')).toHaveTextContent('Copied'));
    const write = calls.find((c) => c.cmd === 'plugin:clipboard-manager|write_text');
    expect(write?.args).toMatchObject({ text: SNIPPET });
  });
});
