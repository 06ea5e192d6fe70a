import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import './app.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { BELOW_OVERLAYS, cssVariablesResolver, theme } from './theme';

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // The Rust client already retries what is safe to retry and respects CallRail's rate limits;
      // retrying here as well would only hide errors and spend the hourly quota.
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}

export function AppProviders({ client, children }: { client: QueryClient; children: ReactNode }) {
  return (
    // Under Vitest, Mantine renders without transitions (dropdowns show at once in jsdom).
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto" env={import.meta.env.MODE === 'test' ? 'test' : 'default'}>
      {/* Under every dialog and drawer (Mantine's overlays start at 200): a notice never covers their buttons. */}
      <Notifications position="bottom-right" zIndex={BELOW_OVERLAYS} />
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
