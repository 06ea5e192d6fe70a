import { Badge, Button, Card, Container, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { ErrorBanner } from '../errors/ErrorBanner';
import { AddConnectionForm } from './AddConnectionForm';
import { useStartDemo } from './queries';

/** The first screen: what the app is for, how to connect, and a safe way to look around. */
export function Welcome() {
  const demo = useStartDemo();
  return (
    <Container size="md" py="xl" data-testid="welcome">
      <Stack gap="lg">
        <div>
          <Title order={1}>Welcome to Tracker Desk</Title>
          <Text size="lg" mt="xs">
            Manage your clients’ CallRail tracking numbers in one place.
          </Text>
        </div>
        <List spacing={4}>
          <List.Item>See every tracker of every client company, and find one in a second.</List.Item>
          <List.Item>Create source trackers (one number per channel) and session trackers (a pool of numbers for your website).</List.Item>
          <List.Item>Before anything is bought or released, Tracker Desk tells you what it costs and asks you first.</List.Item>
        </List>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <Card withBorder padding="lg">
            <Title order={2} size="h4" mb="sm">
              Add a CallRail connection
            </Title>
            <AddConnectionForm />
          </Card>
          <Card withBorder padding="lg">
            <Stack gap="sm">
              <Title order={2} size="h4">
                Just looking?
              </Title>
              <Badge color="grape" variant="light" w="fit-content">
                Sample data
              </Badge>
              <Text size="sm">
                Try every screen with a made-up agency. The demo runs inside Tracker Desk: nothing is sent to CallRail,
                and nothing is billed.
              </Text>
              {demo.isError && <ErrorBanner error={demo.error} />}
              <Button size="md" color="grape" data-testid="demo-start" loading={demo.isPending} onClick={() => demo.mutate()}>
                Explore with demo data
              </Button>
            </Stack>
          </Card>
        </SimpleGrid>
      </Stack>
    </Container>
  );
}
