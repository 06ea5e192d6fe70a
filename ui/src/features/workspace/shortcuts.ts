// The keyboard shortcuts, in one table: the palette lists them, buttons name them in their titles
// and aria-keyshortcuts, and the workspace binds them (Mantine's useHotkeys; `mod` is Cmd on macOS,
// Ctrl elsewhere).

export type ShortcutId = 'palette' | 'find' | 'newSource' | 'newSession' | 'refresh' | 'history' | 'settings';

interface Shortcut {
  /** What it does, as a menu says it. */
  label: string;
  /** Mantine's hotkey notation. */
  hotkey: string;
}

export const SHORTCUTS: Record<ShortcutId, Shortcut> = {
  palette: { label: 'Go to anything…', hotkey: 'mod+K' },
  find: { label: 'Find in this company', hotkey: 'mod+F' },
  newSource: { label: 'New source tracker', hotkey: 'mod+N' },
  newSession: { label: 'New session tracker', hotkey: 'mod+shift+N' },
  refresh: { label: 'Refresh the list', hotkey: 'mod+R' },
  history: { label: 'History', hotkey: 'mod+H' },
  settings: { label: 'Settings', hotkey: 'mod+,' },
};

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** "Ctrl+Shift+N", or "⌘⇧N" on macOS. */
export function keysLabel(id: ShortcutId): string {
  const parts = SHORTCUTS[id].hotkey.split('+');
  const mac = isMac();
  const names = parts.map((p) => {
    if (p === 'mod') return mac ? '⌘' : 'Ctrl';
    if (p === 'shift') return mac ? '⇧' : 'Shift';
    return p.toUpperCase();
  });
  return names.join(mac ? '' : '+');
}

/** The attribute screen readers announce: "Control+Shift+N" or "Meta+Shift+N". */
export function ariaKeys(id: ShortcutId): string {
  return SHORTCUTS[id].hotkey
    .split('+')
    .map((p) => (p === 'mod' ? (isMac() ? 'Meta' : 'Control') : p === 'shift' ? 'Shift' : p.toUpperCase()))
    .join('+');
}
