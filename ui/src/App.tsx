import { Center, Loader } from '@mantine/core';
import { ApiOverrideBanner } from './features/connections/ApiOverrideBanner';
import { useConnections } from './features/connections/queries';
import { Welcome } from './features/connections/Welcome';
import { ErrorBanner } from './features/errors/ErrorBanner';
import { Workspace } from './features/workspace/Workspace';

export function App() {
  return (
    <>
      <ApiOverrideBanner />
      <Screen />
    </>
  );
}

function Screen() {
  const connections = useConnections();
  if (connections.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading connections" />
      </Center>
    );
  }
  if (connections.isError) {
    return (
      <Center h="100vh" p="xl">
        <ErrorBanner error={connections.error} onRetry={() => void connections.refetch()} />
      </Center>
    );
  }
  if (connections.data.length === 0) return <Welcome />;
  return <Workspace connections={connections.data} />;
}
