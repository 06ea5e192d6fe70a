import { Alert, Code, List, Stack, Text, Title } from '@mantine/core';
import type { StartupProblem } from '../../bindings';

/** Tracker Desk could not open its data: what happened, where the data is, and what to do. */
export function StartupProblemScreen({ problem }: { problem: StartupProblem }) {
  return (
    <Stack p="xl" maw={760} mx="auto" mt="xl" data-testid="startup-problem">
      <Title order={2}>Tracker Desk could not open its data</Title>
      <Alert color="red" title="What went wrong">
        <Text size="sm" data-testid="startup-problem-message">
          {problem.message}
        </Text>
      </Alert>
      <Text size="sm">Your data is in this folder:</Text>
      <Code block data-testid="startup-problem-folder">
        {problem.folder}
      </Code>
      <Text size="sm">What to do:</Text>
      <List size="sm" type="ordered">
        <List.Item>Quit Tracker Desk.</List.Item>
        <List.Item>
          If the message says the journal was written by a newer Tracker Desk, install that version instead.
        </List.Item>
        <List.Item>
          Otherwise move the file it names (settings.json or journal.sqlite3) out of that folder, keeping a copy, and
          start Tracker Desk again. Your API keys stay in the OS keyring; nothing in CallRail changes.
        </List.Item>
      </List>
    </Stack>
  );
}
