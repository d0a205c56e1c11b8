/**
 * Run as its own process by the kill test: pulls one Shopify credential into the given database
 * with the app's own code, so the test can SIGKILL it mid-pull.
 */
import { pullChannel } from '../../src/main/core/channels/pull';
import { createShopifyAdapter } from '../../src/main/core/channels/shopify';
import { systemClock } from '../../src/main/core/clock';
import { openDatabase } from '../../src/main/core/db/open';
import { testBox } from './orders';

const [file, credentialId] = process.argv.slice(2);
const db = openDatabase(file!);
await pullChannel(
  { db, box: testBox, clock: systemClock, adapters: { shopify: createShopifyAdapter() } },
  Number(credentialId),
);
