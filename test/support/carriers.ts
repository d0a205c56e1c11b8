/** The carriers a test station has: local delivery, and DHL and Sendcloud tried fast (no real waits). */
import { createLocalCarrier } from '../../src/main/core/carriers/local';
import { carrierRegistry, type Carriers } from '../../src/main/core/carriers/registry';
import type { Db } from '../../src/main/core/db/open';
import { FAST_DHL_HTTP } from './dhl';
import { testBox } from './orders';
import { FAST_SENDCLOUD_HTTP } from './sendcloud';

export function testCarriers(db: Db): Carriers {
  return carrierRegistry(db, testBox, createLocalCarrier({ nextSerial: () => 1 }), FAST_DHL_HTTP, FAST_SENDCLOUD_HTTP);
}
