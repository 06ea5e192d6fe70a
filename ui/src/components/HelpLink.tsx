import { Anchor } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { openUrl } from '@tauri-apps/plugin-opener';
import type { ReactNode } from 'react';

/** The only sites the app's opener permission allows (src-tauri/capabilities/default.json). */
const ALLOWED = ['https://support.callrail.com/', 'https://app.callrail.com/', 'https://apidocs.callrail.com/'];

export function isAllowedHelpUrl(url: string): boolean {
  return ALLOWED.some((prefix) => url.startsWith(prefix));
}

/** A link that opens CallRail's help or app in the system browser. */
export function HelpLink({ href, children }: { href: string; children: ReactNode }) {
  if (!isAllowedHelpUrl(href)) return null;
  return (
    <Anchor
      component="button"
      type="button"
      size="sm"
      ta="left"
      onClick={() => {
        openUrl(href).catch(() =>
          notifications.show({ color: 'red', message: `Could not open the browser. The address is ${href}` }),
        );
      }}
    >
      {children} ↗
    </Anchor>
  );
}
