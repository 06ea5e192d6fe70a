import { Button, Collapse, Group, List, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { POOL_MAX, POOL_MIN, recommendPoolSize } from './poolSize';

/** Advice, not a rule: suggests a pool size from the site's traffic; the Rust rules still decide. */
export function PoolSizeHelper({ onUse }: { onUse: (size: number) => void }) {
  const [opened, { toggle }] = useDisclosure(false);
  const [visitors, setVisitors] = useState<number | string>('');
  const [minutes, setMinutes] = useState<number | string>(3);
  const ready = typeof visitors === 'number' && typeof minutes === 'number';
  const advice = ready ? recommendPoolSize(visitors, minutes) : undefined;
  return (
    <Stack gap={4}>
      <Button variant="subtle" size="compact-sm" w="fit-content" onClick={toggle} aria-expanded={opened} data-testid="pool-helper-toggle">
        {opened ? 'Hide the pool-size helper' : 'Not sure? Estimate a pool size'}
      </Button>
      <Collapse expanded={opened}>
        <Paper withBorder p="sm" data-testid="pool-helper">
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              Rule of thumb: about 1 number per 100 monthly visitors, at least 5. CallRail allows {POOL_MIN} to {POOL_MAX}{' '}
              numbers in a pool.
            </Text>
            <Group grow align="flex-start">
              <NumberInput
                label="Monthly website visitors"
                data-testid="pool-helper-visitors"
                min={0}
                allowNegative={false}
                allowDecimal={false}
                thousandSeparator=","
                value={visitors}
                onChange={setVisitors}
              />
              <NumberInput
                label="Average visit length (minutes)"
                data-testid="pool-helper-minutes"
                min={0}
                allowNegative={false}
                decimalScale={1}
                value={minutes}
                onChange={setMinutes}
              />
            </Group>
            {advice && (
              <Stack gap={4} data-testid="pool-helper-result">
                <Text fw={600}>Recommended: {advice.size} numbers</Text>
                <List size="sm" type="ordered">
                  {advice.steps.map((s, i) => (
                    <List.Item key={i}>{s}</List.Item>
                  ))}
                </List>
                <Button size="xs" w="fit-content" data-testid="pool-helper-use" onClick={() => onUse(advice.size)}>
                  Use {advice.size} numbers
                </Button>
              </Stack>
            )}
          </Stack>
        </Paper>
      </Collapse>
    </Stack>
  );
}
