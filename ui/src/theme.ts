import { createTheme } from '@mantine/core';

// System fonts only: the CSP allows no font downloads, and the app must work offline.
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  cursorType: 'pointer',
});
