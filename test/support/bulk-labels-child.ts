/**
 * A PackDesk core in its own process, as the crash tests need one they can SIGKILL: opens the data
 * directory in PACKDESK_DATA_DIR, lets start-up recovery finish, then buys labels from the carrier
 * in PACKDESK_CARRIER (dhl or sendcloud) for every order still waiting for one and prints the
 * result as one JSON line.
 */
import { startCore } from '../../src/main/core/core';
import { CARRIER_CODES } from '../../src/shared/statuses';
import { testBox } from './orders';

const dataDir = process.env.PACKDESK_DATA_DIR;
if (!dataDir) throw new Error('PACKDESK_DATA_DIR is not set');
const carrier = CARRIER_CODES.find((c) => c === process.env.PACKDESK_CARRIER);
if (!carrier) throw new Error('PACKDESK_CARRIER is not a carrier code');
const core = await startCore({ dataDir, secretBox: testBox, version: 'crash-test' });
await core.labelsRecovered;
const ids = (
  core.db.$client.prepare("SELECT id FROM orders WHERE status IN ('new', 'label_failed') ORDER BY id").all() as {
    id: number;
  }[]
).map((r) => r.id);
process.stdout.write(`started ${ids.length}\n`);
const result = ids.length > 0 ? await core.api['labels.generate']({ orderIds: ids, carrier }) : null;
process.stdout.write(`${JSON.stringify(result)}\n`);
await core.close();
