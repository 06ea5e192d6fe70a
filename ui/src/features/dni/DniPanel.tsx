import { Alert, Button, Code, Group, List, Stack, Text, Title } from '@mantine/core';
import { useCopy } from '../../components/CopyText';
import { HelpLink } from '../../components/HelpLink';
import type { DniInfo } from '../../types';
import { ContextLine } from '../workspace/ContextLine';

export function DniPanel({ info }: { info: DniInfo }) {
  const { state: copy, copy: copyText } = useCopy();
  const doCopy = () => copyText(info.snippet);

  return (
    <Stack gap="md" data-testid="dni-panel">
      <ContextLine label="Snippet for" />
      <Text size="sm">
        This one line loads CallRail’s <b>swap.js</b> on {info.company_name}’s website. On each visit it replaces the swap
        targets shown on the page (by default, the tracker’s destination number) with a tracking number, so each call is
        matched to the visit that led to it.
        {info.dni_active === false && ' CallRail has not seen the snippet on the site yet.'}
      </Text>
      <Code block data-testid="dni-snippet" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {info.snippet}
      </Code>
      <Group gap="sm">
        <Button data-testid="dni-copy" onClick={() => void doCopy()} color={copy === 'copied' ? 'green' : undefined}>
          {copy === 'copied' ? 'Copied' : 'Copy snippet'}
        </Button>
        <Text size="sm" c={copy === 'failed' ? 'red' : 'dimmed'} aria-live="polite">
          {copy === 'copied' && 'Copied to the clipboard.'}
          {copy === 'failed' && 'Could not copy; select the snippet and copy it by hand.'}
        </Text>
      </Group>
      {info.always_swap_trackers.length > 0 && (
        <Alert color="orange" title="Some source trackers swap on every visit" data-testid="dni-always-swap-warning">
          <Text size="sm">
            These active source trackers are set to “All website visitors”: they swap on every visit and take precedence over any
            session pool, so the pool’s numbers will not show while they are active:
          </Text>
          <List size="sm" mt={4}>
            {info.always_swap_trackers.map((name) => (
              <List.Item key={name}>{name}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <div>
        <Title order={3} size="h5" mb={4}>
          Where to paste it
        </Title>
        <List size="sm" spacing={4}>
          <List.Item>
            Just before the closing <Code>{'</body>'}</Code> tag on <b>every page</b> of the site (in most site builders: a
            “footer code” or “custom code” setting), or
          </List.Item>
          <List.Item>
            In Google Tag Manager, as a <b>Custom HTML</b> tag that fires on <b>All Pages</b>.
          </List.Item>
          <List.Item>
            Single-page apps (React, Vue, Angular…): call <Code>CallTrk.swap()</Code> after each route change, so numbers swap on
            pages loaded without a full reload.
          </List.Item>
        </List>
      </div>
      <HelpLink href="https://support.callrail.com/hc/en-us/search?query=swap.js">CallRail help: installing swap.js</HelpLink>
    </Stack>
  );
}
