/**
 * WooCommerce over HTTPS, where the shop takes HTTP Basic (PROTOCOLS.md): the simulated shop with
 * a certificate made for this run. The pull runs in a child process that trusts that certificate
 * (NODE_EXTRA_CA_CERTS), so the product's own fetch checks TLS exactly as it does for a real shop;
 * in this process the certificate is not trusted, which the adapter must say in words.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWooCommerceAdapter } from '../../src/main/core/channels/woocommerce';
import {
  SANDBOX_CONSUMER_KEY as KEY,
  SANDBOX_CONSUMER_SECRET as SECRET,
  sampleWooOrders,
} from '../../sim/woocommerce/sample-orders';
import { startWooSim, type WooSim } from '../../sim/woocommerce/server';
import { useTempDir } from '../support/temp-dir';
import { selfSignedCertificate, type TestCertificate } from '../support/tls-cert';

const tempDir = useTempDir();
const orders = sampleWooOrders({ count: 250, now: new Date(Date.now() - 60_000) });
const waiting = orders.filter((o) => o.status === 'processing' || o.status === 'on-hold').length;

let certificate: TestCertificate;
let sim: WooSim;
beforeEach(async () => {
  certificate = selfSignedCertificate(tempDir());
  sim = await startWooSim({ consumerKey: KEY, consumerSecret: SECRET, orders, tls: certificate });
});
afterEach(() => sim.close());

/** Pulls with each key pair in a process that trusts the test certificate. */
async function pullTrusting(pairs: { apiKey: string; apiSecret: string }[]): Promise<unknown[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'test/support/woo-https-child.ts', sim.url, JSON.stringify(pairs)],
    { env: { ...process.env, NODE_EXTRA_CA_CERTS: certificate.certFile } },
  );
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

describe('WooCommerce over HTTPS', () => {
  it('pulls with HTTP Basic and no OAuth; a wrong key or secret is refused in words', async () => {
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const outcomes = await pullTrusting([
      { apiKey: KEY, apiSecret: SECRET },
      { apiKey: 'ck_wrong', apiSecret: SECRET },
      { apiKey: KEY, apiSecret: 'cs_wrong' },
    ]);
    expect(outcomes).toEqual([
      { orders: waiting },
      {
        error:
          'WooCommerce refused the consumer key: Sorry, you cannot list resources. (the shop does not know this key, or never received it: some web servers drop the Authorization header)',
      },
      { error: 'WooCommerce refused the consumer key: Consumer secret is invalid.' },
    ]);
    const pages = Math.ceil(waiting / 100);
    expect(sim.requests.total).toBe(pages + 2);
    expect(sim.requests.auth).toEqual({ basic: pages + 2, oauth: 0 });
  });

  it('says the certificate cannot be trusted, at once, where nothing vouches for it', async () => {
    const adapter = createWooCommerceAdapter({ backoffMs: 1, timeoutMs: 5_000 });
    await expect(
      adapter.testConnection({ baseUrl: sim.url, apiKey: KEY, apiSecret: SECRET, settings: {} }),
    ).rejects.toThrow(`The shop at ${sim.url} has an HTTPS certificate PackDesk cannot trust (it is self-signed).`);
  });
});

describe('WooCommerce over plain HTTP', () => {
  it('does not take HTTP Basic: the shop answers as to a stranger', async () => {
    const plain = await startWooSim({ consumerKey: KEY, consumerSecret: SECRET, orders });
    try {
      const res = await fetch(`${plain.url}/wp-json/wc/v3/orders`, {
        headers: { Authorization: `Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}` },
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'woocommerce_rest_cannot_view' });
      expect(plain.requests.auth).toEqual({ basic: 1, oauth: 0 });
    } finally {
      await plain.close();
    }
  });
});
