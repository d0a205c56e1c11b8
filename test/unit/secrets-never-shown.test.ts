/**
 * A secret typed into PackDesk never comes back out: not in an answer of the contract (what the
 * screen and the REST API get, details included), not on a channel's card, not in a log line,
 * and not in plain text in the database file or its write-ahead log. Each refusal here is one
 * where the secret travelled: a wrong WooCommerce key (signed into the query with OAuth), a wrong
 * iRCloud password (in the token request's query) and a wrong Shopify token of a storefront's
 * proxy (in the query as well). The box is the real headless one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIrCloudAdapter } from '../../src/main/core/channels/ircloud';
import { createStorefrontAdapter } from '../../src/main/core/channels/storefront';
import { createWooCommerceAdapter } from '../../src/main/core/channels/woocommerce';
import { startCore, type Core } from '../../src/main/core/core';
import { dispatch } from '../../src/main/core/dispatch';
import { headlessSecretBox } from '../../src/main/core/secrets/secret-box';
import type { CredentialView } from '../../src/shared/dto';
import {
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_PASSWORD,
  SANDBOX_USER,
  sampleIrOrders,
} from '../../sim/ircloud/sample-orders';
import { startIrCloudSim, type IrCloudSim } from '../../sim/ircloud/server';
import { SANDBOX_SHOP_DOMAIN, SANDBOX_SHOPIFY_TOKEN, sampleStorefrontOrders } from '../../sim/storefront/sample-orders';
import { startStorefrontSim, type StorefrontSim } from '../../sim/storefront/server';
import { sampleWooOrders } from '../../sim/woocommerce/sample-orders';
import { startWooSim, type WooSim } from '../../sim/woocommerce/server';
import { useTempDir } from '../support/temp-dir';

const WOO_KEY = 'ck_live_0f3c2b1a9e8d7c6b5a4f3e2d1c0b9a8f';
const WOO_SECRET = 'cs_live_a1b2c3d4e5f60718293a4b5c6d7e8f90';
const WOO_TYPO_KEY = 'ck_live_0f3c2b1a9e8d7c6b5a4f3e2d1c0b9a80';
const IR_TYPO_PASSWORD = 'Ops-2026-pw+typo&x=1';
const SHOPIFY_TYPO_TOKEN = 'shpat_sandbox_3f9a1c7e5b2d4a6c8e0X';
/** Every secret typed below, right or wrong; the storefront's token also as a query string carries it. */
const SECRETS = [
  WOO_KEY,
  WOO_SECRET,
  WOO_TYPO_KEY,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  IR_TYPO_PASSWORD,
  encodeURIComponent(IR_TYPO_PASSWORD),
  SHOPIFY_TYPO_TOKEN,
];

const tempDir = useTempDir();
let dataDir: string;
let core: Core;
let woo: WooSim;
let ir: IrCloudSim;
let storefront: StorefrontSim;
let logged: string[];

beforeEach(async () => {
  logged = [];
  const record = (...args: unknown[]) => {
    logged.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 10 }))).join(' '));
  };
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    vi.spyOn(console, method).mockImplementation(record);
  }
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      record(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    });
  }

  woo = await startWooSim({ consumerKey: WOO_KEY, consumerSecret: WOO_SECRET, orders: sampleWooOrders({ count: 3 }) });
  ir = await startIrCloudSim({
    clientId: SANDBOX_CLIENT_ID,
    clientSecret: SANDBOX_CLIENT_SECRET,
    userName: SANDBOX_USER,
    password: SANDBOX_PASSWORD,
    orders: sampleIrOrders({ count: 3 }),
  });
  storefront = await startStorefrontSim({
    orders: sampleStorefrontOrders({ count: 3 }),
    shopify: { shopDomain: SANDBOX_SHOP_DOMAIN, accessToken: SANDBOX_SHOPIFY_TOKEN },
  });
  dataDir = tempDir();
  const http = { backoffMs: 1, timeoutMs: 2_000 };
  core = await startCore({
    dataDir,
    secretBox: headlessSecretBox(dataDir, {}),
    version: 'test',
    channels: {
      woocommerce: createWooCommerceAdapter(http),
      ircloud: createIrCloudAdapter(http),
      storefront: createStorefrontAdapter(http),
    },
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await core.close();
  await Promise.all([woo.close(), ir.close(), storefront.close()]);
});

/** The contract's answer as the screen and the REST API receive it, as text. */
async function answer(name: string, arg: unknown): Promise<string> {
  return JSON.stringify(await dispatch(core.api, name, arg));
}

async function add(arg: Record<string, unknown>): Promise<number> {
  const result = await dispatch(core.api, 'credentials.add', arg);
  if (!result.ok) throw new Error(`credentials.add failed: ${result.error.message}`);
  return (result.value as CredentialView).id;
}

describe('secrets', () => {
  it('never appear in an answer, a card, a log line, the database file or its -wal', async () => {
    const shops = [
      await add({
        providerCode: 'woocommerce',
        externalId: 'tees',
        displayName: 'Müller Tees',
        baseUrl: woo.url,
        apiKey: WOO_TYPO_KEY,
        apiSecret: WOO_SECRET,
      }),
      await add({
        providerCode: 'ircloud',
        externalId: 'ops',
        displayName: 'iRCloud ops',
        baseUrl: ir.url,
        apiKey: SANDBOX_CLIENT_ID,
        apiSecret: SANDBOX_CLIENT_SECRET,
        username: SANDBOX_USER,
        password: IR_TYPO_PASSWORD,
      }),
      await add({
        providerCode: 'storefront',
        externalId: 'flash_sale',
        displayName: 'Running shoes flash sale',
        baseUrl: `${storefront.url}/api`,
        settings: { detailSource: 'shopify', shopifyDomain: SANDBOX_SHOP_DOMAIN },
        apiKey: SHOPIFY_TYPO_TOKEN,
        apiSecret: '',
      }),
    ];
    // Saved, nothing checkpointed yet: the new rows are in the -wal.
    const wal = readFileSync(join(dataDir, 'packdesk.sqlite-wal'));
    expect(wal.includes(Buffer.from('Running shoes flash sale'))).toBe(true);

    const answers: string[] = [];
    for (const credentialId of shops) {
      answers.push(await answer('credentials.test', { id: credentialId }));
      answers.push(await answer('orders.pull', { credentialId }));
    }
    answers.push(await answer('orders.pull', {}));
    answers.push(await answer('credentials.list', {}));

    // Each refusal did happen, in words, and is on its card.
    expect(answers.slice(0, 6).join('\n')).toMatch(/WooCommerce refused the consumer key: Consumer key is invalid\./);
    expect(answers.slice(0, 6).join('\n')).toMatch(/iRCloud refused the login \(155 [^)]*\); check the user name/);
    expect(answers.slice(0, 6).join('\n')).toMatch(/Shopify refused the access token through the shop's proxy/);
    const cards = answers.at(-1)!;
    expect(cards.match(/"error":"[^"]+"/g)).toHaveLength(3);

    const everything = [...answers, ...logged].join('\n');
    for (const secret of SECRETS) expect(everything).not.toContain(secret);

    for (const file of ['packdesk.sqlite-wal', 'packdesk.sqlite']) {
      if (file === 'packdesk.sqlite') core.db.$client.pragma('wal_checkpoint(TRUNCATE)');
      const bytes = readFileSync(join(dataDir, file));
      for (const secret of SECRETS) expect(bytes.includes(Buffer.from(secret)), `${secret} in ${file}`).toBe(false);
    }
    expect(readFileSync(join(dataDir, 'packdesk.sqlite')).includes(Buffer.from('Müller Tees'))).toBe(true);
  });
});
