import { Alert, Button, Stack, Text } from '@mantine/core';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { commands } from '../bindings';

/** Writes a failure of the window into the app's log file; never throws itself. */
export function logUiError(where: string, error: unknown, detail = '') {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  commands.logUiError(`${where}: ${text}${detail ? ` ${detail}` : ''}`).catch(() => undefined);
}

interface Props {
  /** What the panel is, for the person and for the log: "History", "the trackers list". */
  name: string;
  children: ReactNode;
}

/**
 * One panel's failure stays in that panel: it says so, offers to try again, and writes the error to
 * the app's log; the rest of the window keeps working.
 */
export class PanelBoundary extends Component<Props, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    logUiError(this.props.name, error, (info.componentStack ?? '').split('\n').slice(0, 6).join(' <'));
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Alert color="red" title={`${this.props.name} stopped working`} role="alert" data-testid="panel-error">
        <Stack gap="xs">
          <Text size="sm">
            Nothing was sent to CallRail because of this. The error is in Tracker Desk’s log file: {error.message}
          </Text>
          <div>
            <Button size="xs" variant="light" onClick={() => this.setState({ error: null })}>
              Try again
            </Button>
          </div>
        </Stack>
      </Alert>
    );
  }
}
