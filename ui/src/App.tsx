import { Box, Center, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { keys } from './api';
import { commands } from './bindings';
import { ApiOverrideBanner } from './features/connections/ApiOverrideBanner';
import { useConnections } from './features/connections/queries';
import { StartupProblemScreen } from './features/connections/StartupProblemScreen';
import { Welcome } from './features/connections/Welcome';
import { ErrorBanner } from './features/errors/ErrorBanner';
import { QuitGuard } from './features/workspace/QuitGuard';
import { Workspace } from './features/workspace/Workspace';

export function App() {
  const problem = useQuery({ queryKey: keys.startupProblem, queryFn: () => commands.startupProblem(), staleTime: Infinity });
  if (problem.data) return <StartupProblemScreen problem={problem.data} />;
  if (problem.isPending) return <Loading />;
  // One column the height of the window: a banner on top takes its room from the screen below it,
  // so nothing is pushed past the window's bottom edge.
  return (
    <Box style={{ height: '100vh', display: 'flex', flexDirection: 'column' }}>
      <ApiOverrideBanner />
      <QuitGuard />
      <Box style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', overflow: 'auto' }}>
        <Screen />
      </Box>
    </Box>
  );
}

function Loading() {
  return (
    <Center style={{ flex: 1 }}>
      <Loader aria-label="Loading connections" />
    </Center>
  );
}

function Screen() {
  const connections = useConnections();
  if (connections.isPending) return <Loading />;
  if (connections.isError) {
    return (
      <Center style={{ flex: 1 }} p="xl">
        <ErrorBanner error={connections.error} onRetry={() => void connections.refetch()} />
      </Center>
    );
  }
  if (connections.data.length === 0) return <Welcome />;
  return <Workspace connections={connections.data} />;
}
