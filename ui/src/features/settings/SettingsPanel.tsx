import { Drawer, Stack } from '@mantine/core';
import { AppearanceSection } from './AppearanceSection';
import { PersonSection } from './PersonSection';
import { RequestsSection } from './RequestsSection';
import { StoreSection } from './StoreSection';
import { PanelBoundary } from '../../components/PanelBoundary';

interface Props {
  opened: boolean;
  onClose: () => void;
}

/** App-wide settings, over the trackers; its content is read afresh at each opening. */
export function SettingsPanel({ opened, onClose }: Props) {
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size={560} title="Settings">
      <PanelBoundary name="Settings">
        <Stack gap="lg" data-testid="settings-panel">
          <AppearanceSection />
          <PersonSection />
          <StoreSection />
          <RequestsSection />
        </Stack>
      </PanelBoundary>
    </Drawer>
  );
}
