import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { isIpcFailure } from '../../api';
import type { IpcError } from '../../types';
import { HelpLink } from '../../components/HelpLink';
import { ReenterKeyButton } from '../connections/ReenterKeyButton';
import { KEYRING_HELP } from './describe';
import { fieldLabel } from './fields';

interface Props {
  error: unknown;
  /** Offered for failures that may pass on a second try (network, rate limit). */
  onRetry?: () => void;
  /** False inside the re-enter key dialog itself. */
  allowReenter?: boolean;
}

/** The one place where a failure from the Rust side becomes something a person can act on. */
export function ErrorBanner({ error, onRetry, allowReenter = true }: Props) {
  if (!isIpcFailure(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return (
      <Banner color="red" title="Something went wrong">
        <Text size="sm">{message}</Text>
        {onRetry && <RetryButton onRetry={onRetry} />}
      </Banner>
    );
  }
  return <IpcErrorView error={error.error} onRetry={onRetry} allowReenter={allowReenter} />;
}

function IpcErrorView({ error, onRetry, allowReenter }: { error: IpcError } & Omit<Props, 'error'>) {
  switch (error.kind) {
    case 'Validation':
      return (
        <Banner color="red" title="Some fields need attention (nothing was sent)">
          <List size="sm">
            {error.data.errors.map((e, i) => (
              <List.Item key={i}>
                <b>{fieldLabel(e.field)}</b>: {e.message}
              </List.Item>
            ))}
          </List>
        </Banner>
      );
    case 'Unauthorized':
      return (
        <Banner color="red" title="CallRail refused the API key">
          <Text size="sm">{error.data.message}</Text>
          {allowReenter && <ReenterKeyButton />}
        </Banner>
      );
    case 'Forbidden':
      return <Simple color="red" title="This API key may not do that" message={error.data.message} />;
    case 'NotFound':
      return <Simple color="orange" title="Not found" message={error.data.message} />;
    case 'Api':
      return <Simple color="red" title={`CallRail answered with an error (${error.data.status})`} message={error.data.message} />;
    case 'RateLimited':
      return <RateLimited key={error.data.retry_after_s} seconds={error.data.retry_after_s} message={error.data.message} onRetry={onRetry} />;
    case 'Network':
      return (
        <Banner color="red" title="Could not reach CallRail">
          <Text size="sm">{error.data.message}</Text>
          {onRetry && <RetryButton onRetry={onRetry} />}
        </Banner>
      );
    case 'OutcomeUnknown':
      return (
        <Banner color="orange" title="We could not tell whether CallRail did it">
          <Text size="sm">{error.data.message}</Text>
          <Text size="sm">
            Check the trackers in CallRail (or refresh this list) before trying again, so no numbers are bought twice.
          </Text>
          <HelpLink href="https://app.callrail.com/">Open CallRail</HelpLink>
        </Banner>
      );
    case 'ConfirmationRequired':
      return <Simple color="orange" title="Please confirm" message={error.data.message} />;
    case 'Keyring':
      return (
        <Banner color="red" title="The system keyring is needed">
          <Text size="sm">{KEYRING_HELP}</Text>
          <Text size="sm" c="dimmed">
            {error.data.message}
          </Text>
        </Banner>
      );
    case 'Storage':
      return <Simple color="red" title="Tracker Desk could not read or save its settings" message={error.data.message} />;
    case 'Update':
      return <Simple color="red" title="Tracker Desk was not updated" message={error.data.message} />;
    case 'Cancelled':
      return <Simple color="gray" title="Stopped" message={error.data.message} />;
    default:
      // A kind this screen does not know yet: still shown, with what it says.
      return <Simple color="red" title="Something went wrong" message={describeUnknown(error)} />;
  }
}

function describeUnknown(error: never): string {
  const { kind, data } = error as { kind: string; data: { message?: unknown } };
  return typeof data.message === 'string' ? data.message : `${kind}: ${JSON.stringify(data)}`;
}

function Banner({ color, title, children }: { color: string; title: string; children: React.ReactNode }) {
  return (
    <Alert data-testid="error-banner" color={color} title={title} role="alert" w="100%">
      <Stack gap="xs">{children}</Stack>
    </Alert>
  );
}

function Simple({ color, title, message }: { color: string; title: string; message: string }) {
  return (
    <Banner color={color} title={title}>
      <Text size="sm">{message}</Text>
    </Banner>
  );
}

function RetryButton({ onRetry, disabled }: { onRetry: () => void; disabled?: boolean }) {
  return (
    <Group>
      <Button size="xs" variant="light" onClick={onRetry} disabled={disabled}>
        Retry
      </Button>
    </Group>
  );
}

/** Counts down from `seconds`; a new wait is a new banner (keyed by it), so the count starts again. */
function RateLimited({ seconds, message, onRetry }: { seconds: number | null; message: string; onRetry?: () => void }) {
  const [left, setLeft] = useState(seconds ?? 0);
  useEffect(() => {
    if (!seconds) return;
    const timer = window.setInterval(() => setLeft((s) => Math.max(0, s - 1)), 1000);
    return () => window.clearInterval(timer);
  }, [seconds]);
  const when =
    seconds == null ? 'in a minute' : left > 0 ? `in ${left} ${left === 1 ? 'second' : 'seconds'}` : 'now';
  return (
    <Banner color="yellow" title="CallRail is limiting requests">
      <Text size="sm">CallRail is limiting requests; try again {when}.</Text>
      <Text size="sm" c="dimmed">
        {message}
      </Text>
      {onRetry && <RetryButton onRetry={onRetry} disabled={left > 0} />}
    </Banner>
  );
}
