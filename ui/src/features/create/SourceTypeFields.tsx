import { Group, NativeSelect, Stack } from '@mantine/core';
import type { FormKit } from '../trackerForm/formState';
import { TextField } from '../trackerForm/Fields';
import type { CreateValues } from './createValues';
import { needsLanding, SEARCH_ENGINES, SEARCH_TYPES, SOURCE_TYPES } from './sourceTypes';

/** Where a source tracker's callers come from, with the one extra field some kinds need. */
export function SourceTypeFields({ kit }: { kit: FormKit<CreateValues> }) {
  const kind = kit.values.source;
  return (
    <Stack gap="sm">
      <NativeSelect
        data-testid="field-source-type"
        data-field="source"
        label="Source type"
        description="Which callers this number is for. Offline is right for print, billboards, radio and TV."
        data={SOURCE_TYPES}
        value={kind}
        onChange={(e) => kit.set('source', e.currentTarget.value)}
        error={kit.error('source')}
      />
      {needsLanding(kind) && (
        <TextField
          kit={kit}
          name="landing"
          testId="field-landing"
          label={kind === 'landing_url' ? 'Landing page URL' : 'URL parameter'}
          placeholder={kind === 'landing_url' ? 'https://example.com/spring-offer' : 'utm_source=newsletter'}
          required
        />
      )}
      {kind === 'web_referrer' && (
        <TextField kit={kit} name="referrer" testId="field-referrer" label="Referring website" placeholder="yelp.com" required />
      )}
      {kind === 'search' && (
        <Group grow align="flex-start">
          <NativeSelect
            data-testid="field-search-engine"
            data-field="search_engine"
            label="Search engine"
            data={SEARCH_ENGINES}
            value={kit.values.search_engine}
            onChange={(e) => kit.set('search_engine', e.currentTarget.value)}
            error={kit.error('search_engine')}
          />
          <NativeSelect
            data-testid="field-search-type"
            data-field="search_type"
            label="Search type"
            data={SEARCH_TYPES}
            value={kit.values.search_type}
            onChange={(e) => kit.set('search_type', e.currentTarget.value)}
            error={kit.error('search_type')}
          />
        </Group>
      )}
    </Stack>
  );
}
