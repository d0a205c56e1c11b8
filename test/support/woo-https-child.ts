/**
 * Run as its own process by the WooCommerce HTTPS test, started with NODE_EXTRA_CA_CERTS naming
 * the test's certificate: Node reads that only at start, and it is the one way to trust a
 * certificate without touching how the product's fetch checks TLS. Pulls every page with each
 * key pair given and prints one JSON line per pair: the orders' count, or the message in words.
 */
import { createWooCommerceAdapter } from '../../src/main/core/channels/woocommerce';

const [baseUrl, pairsJson] = process.argv.slice(2);
const pairs = JSON.parse(pairsJson!) as { apiKey: string; apiSecret: string }[];
const adapter = createWooCommerceAdapter({ backoffMs: 1, timeoutMs: 5_000 });

for (const { apiKey, apiSecret } of pairs) {
  const conn = { baseUrl: baseUrl!, apiKey, apiSecret, settings: {} };
  try {
    let orders = 0;
    let cursor: string | null = null;
    do {
      const page = await adapter.pullPage(conn, { modifiedAfter: null, cursor });
      orders += page.orders.length;
      cursor = page.next;
    } while (cursor !== null);
    process.stdout.write(`${JSON.stringify({ orders })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n`);
  }
}
