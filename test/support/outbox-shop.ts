/**
 * A database with a WooCommerce simulator connected and orders that have their labels: the
 * starting point of every tracking sync test. Orders come in through a real pull; their labels
 * are written as label-service leaves them (status label_created, tracking number, carrier).
 */
import { pullChannel } from '../../src/main/core/channels/pull';
import { createWooCommerceAdapter } from '../../src/main/core/channels/woocommerce';
import type { ChannelAdapter } from '../../src/main/core/channels/channel-adapter';
import { addCredential } from '../../src/main/core/credentials/credential-repo';
import type { Db } from '../../src/main/core/db/open';
import { SANDBOX_CONSUMER_KEY, SANDBOX_CONSUMER_SECRET } from '../../sim/woocommerce/sample-orders';
import { testBox } from './orders';

/** One try per call and short timeouts: the outbox, not the adapter, decides when to try again. */
export function outboxWooAdapter(): ChannelAdapter {
  return createWooCommerceAdapter({ maxAttempts: 1, timeoutMs: 5_000 });
}

export async function connectShop(db: Db, url: string, at: string, name = 'Sim shop'): Promise<number> {
  const credentialId = addCredential(
    db,
    testBox,
    {
      type: 'order_channel',
      providerCode: 'woocommerce',
      externalId: name.toLowerCase().replace(/\W+/g, '-'),
      displayName: name,
      baseUrl: url,
      settings: {},
      secrets: { apiKey: SANDBOX_CONSUMER_KEY, apiSecret: SANDBOX_CONSUMER_SECRET },
    },
    at,
  );
  await pullChannel(
    { db, box: testBox, clock: () => new Date(at), adapters: { woocommerce: outboxWooAdapter() } },
    credentialId,
  );
  return credentialId;
}

/** Gives `count` new orders (of one shop, if given) a label; answers their ids with their shop ids and tracking numbers. */
export function labelOrders(
  db: Db,
  count: number,
  at: string,
  credentialId: number | null = null,
): { id: number; externalId: number; tracking: string }[] {
  const rows = db.$client
    .prepare(
      "SELECT id, external_id FROM orders WHERE status = 'new' AND (? IS NULL OR credential_id = ?) ORDER BY id LIMIT ?",
    )
    .all(credentialId, credentialId, count) as { id: number; external_id: string }[];
  if (rows.length < count) throw new Error(`Only ${rows.length} new orders to label, ${count} wanted.`);
  const label = db.$client.prepare(
    "UPDATE orders SET status = 'label_created', tracking_number = ?, carrier = 'local', updated_at = ? WHERE id = ?",
  );
  db.$client.transaction(() => {
    for (const r of rows) label.run(trackingOf(r.id), at, r.id);
  })();
  return rows.map((r) => ({ id: r.id, externalId: Number(r.external_id), tracking: trackingOf(r.id) }));
}

function trackingOf(id: number): string {
  return `LP${String(id).padStart(9, '0')}DE`;
}

/** Polls the database (not the clock) until `ready` holds; fails with `what` after `timeoutMs`. */
export async function until(ready: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
