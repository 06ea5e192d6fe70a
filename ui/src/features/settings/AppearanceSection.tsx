import { SegmentedControl, Stack, Text, Title, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';

/** Settings › Appearance: light, dark, or as the system is. Kept for the next start. */
export function AppearanceSection() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <Stack gap="xs" component="section" aria-labelledby="settings-theme-title">
      <Title order={3} size="h4" id="settings-theme-title">
        Appearance
      </Title>
      <SegmentedControl
        data-testid="theme-choice"
        aria-labelledby="settings-theme-title"
        value={colorScheme}
        onChange={(v) => setColorScheme(v as MantineColorScheme)}
        data={[
          { value: 'auto', label: 'System' },
          { value: 'light', label: 'Light' },
          { value: 'dark', label: 'Dark' },
        ]}
      />
      <Text size="xs" c="dimmed">
        System follows your computer’s light or dark setting as it changes.
      </Text>
    </Stack>
  );
}
