import { createTheme, type CSSVariablesResolver } from '@mantine/core';

// System fonts only: the CSP allows no font downloads, and the app must work offline.
export const theme = createTheme({
  primaryColor: 'indigo',
  // White on indigo 8 reads at 5.8:1; on the default shade 6, at 4:1 (under WCAG AA's 4.5).
  primaryShade: { light: 8, dark: 8 },
  // Text on a filled colour is black or white, whichever contrasts more (they cross near 0.18).
  autoContrast: true,
  luminanceThreshold: 0.18,
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    // Close buttons hold only an icon: each says what it does to a screen reader.
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Notification: {
      defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss' } },
      // Mantine's own grey for the text is under 4.5:1 on a dark notice.
      styles: { description: { color: 'var(--mantine-color-dimmed)' } },
    },
  },
});

/** Dark enough on each colour's pale tint for 4.5:1 and more (checked by axe-core end to end). */
const LIGHT_TEXT: Record<string, string> = {
  green: '#1b5e2a',
  orange: '#a03b05',
  yellow: '#7a5a00',
  red: '#b02525',
  blue: '#1c5fa8',
  indigo: '#2f44b8',
  grape: '#862e9c',
  gray: '#343a40',
  teal: '#0b5e4f',
  cyan: '#0b5f73',
};

/**
 * Dimmed text still meets WCAG AA (4.5:1) against the page: Mantine's default grey is about 3.3:1
 * on white.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Lighter than typed text, so an empty box looks empty, yet 4.8:1 on white.
    '--mantine-color-placeholder': '#6b7280',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    // Text of light badges, alerts and buttons: Mantine's shade 6 on its pale tint reads at 2.5-3:1.
    ...Object.fromEntries(Object.entries(LIGHT_TEXT).map(([color, hex]) => [`--mantine-color-${color}-light-color`, hex])),
  },
  dark: {
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    // Mantine's dark placeholder (dark-3) reads at about 2.6:1 on an input; this one at 4.8:1, and
    // still dimmer than typed text.
    '--mantine-color-placeholder': '#9a9a9a',
  },
});

/** Notices and the update offer sit below dialogs and drawers (Mantine's start at 200), never over their buttons. */
export const BELOW_OVERLAYS = 150;
