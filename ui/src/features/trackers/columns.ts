/** Fixed row height: the virtualiser places rows without measuring them, so 10,000 rows scroll smoothly. */
export const ROW_HEIGHT = 44;
export const HEADER_HEIGHT = 36;

export const COLUMNS = [
  { key: 'select', label: '', width: '36px' },
  { key: 'name', label: 'Name', width: 'minmax(170px, 2fr)' },
  { key: 'type', label: 'Type', width: '80px' },
  { key: 'numbers', label: 'Numbers', width: 'minmax(230px, 1.5fr)' },
  { key: 'destination', label: 'Destination', width: '130px' },
  { key: 'source', label: 'Source', width: 'minmax(120px, 1.2fr)' },
  { key: 'recording', label: 'Recording', width: '100px' },
  { key: 'status', label: 'Status', width: '86px' },
  { key: 'created', label: 'Created', width: '110px' },
] as const;

export const GRID_TEMPLATE = COLUMNS.map((c) => c.width).join(' ');
