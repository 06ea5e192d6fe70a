import { createTheme } from '@mantine/core';

// System fonts only: the CSP allows no font downloads, and the app must work offline.
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  cursorType: 'pointer',
});

/** Notices and the update offer sit below dialogs and drawers (Mantine's start at 200), never over their buttons. */
export const BELOW_OVERLAYS = 150;
