import { migration001 } from './001-initial';
import { migration002 } from './002-order-search';
import { migration003 } from './003-search-key';
import { migration004 } from './004-pack-scans';
import { migration005 } from './005-purchase-orders';
import { migration006 } from './006-label-choices';
import { migration007 } from './007-queue-source';
import { migration008 } from './008-item-barcode';
import { migration009 } from './009-order-counts';
import { migration010 } from './010-label-other-format';
import { migration011 } from './011-order-amounts';
import { migration012 } from './012-batch-order-index';
import { migration013 } from './013-order-summaries';
import type { Migration } from './migration';

/** Every migration in order. Append only: a shipped migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
];
