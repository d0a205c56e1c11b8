import type { Migration } from './migration';

/**
 * A carrier's label in the printer language it was not bought in (a DHL PDF label wanted as ZPL
 * for a thermal printer, or the other way round), fetched once from the carrier's reprint and kept
 * beside the original under labels/: a second batch ZIP or print of it neither asks the carrier
 * again nor needs the internet. NULL until it is first wanted; our own labels are drawn again instead.
 */
export const migration010: Migration = {
  version: 10,
  name: 'label-other-format',
  sql: `
ALTER TABLE labels ADD COLUMN other_file_path TEXT;
`,
};
