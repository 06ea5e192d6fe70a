import { Group, Stack } from '@mantine/core';
import type { FormKit } from '../trackerForm/formState';
import { BoolField, TextField } from '../trackerForm/Fields';
import type { CreateValues } from './createValues';

/** Where calls ring, and which kind of new number(s) to buy. */
export function NumberFields({ kit, onTollFree }: { kit: FormKit<CreateValues>; onTollFree: () => void }) {
  return (
    <Stack gap="sm">
      <TextField
        kit={kit}
        name="destination"
        testId="field-destination"
        label="Destination number"
        description="The phone that rings when someone calls the tracking number"
        placeholder="(404) 555-0100"
        required
      />
      <Group align="flex-start" grow>
        <TextField
          kit={kit}
          name="area_code"
          testId="field-area-code"
          label="Area code of the new number"
          description="Empty: a number local to the destination"
          placeholder="404"
          disabled={kit.values.toll_free}
        />
        <BoolField
          kit={kit}
          name="toll_free"
          testId="field-toll-free"
          kind="checkbox"
          label="Toll-free number"
          description="An 8xx number instead of a local one"
          onToggle={onTollFree}
        />
      </Group>
    </Stack>
  );
}
