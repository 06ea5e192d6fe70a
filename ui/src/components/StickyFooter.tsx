import { Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './StickyFooter.module.css';

/** A dialog's cost and buttons, kept in view at the bottom however long the form above it is. */
export function StickyFooter({ children }: { children: ReactNode }) {
  return (
    <Stack gap="sm" className={classes.footer}>
      {children}
    </Stack>
  );
}
