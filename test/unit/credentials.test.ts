/**
 * Connecting shops as the Channels screen does, through the contract's door (dispatch): a real
 * database file, secrets sealed with the headless AES box, and "Test connection" as real HTTP to
 * the WooCommerce simulator. Secrets must never come back out, nor sit in the file in plain text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../src/main/core/core';
import { dispatch } from '../../src/main/core/dispatch';
import type { CredentialView } from '../../src/shared/dto';
import type { Result } from '../../src/shared/errors';
import { startWooSim, type WooSim } from '../../sim/woocommerce/server';
import { sampleWooOrders } from '../../sim/woocommerce/sample-orders';
import { testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const KEY = 'ck_live_0f3c2b1a9e8d7c6b5a4f3e2d1c0b9a8f';
const SECRET = 'cs_live_a1b2c3d4e5f60718293a4b5c6d7e8f90';

const tempDir = useTempDir();
let core: Core;
let dataDir: string;
let sim: WooSim;

beforeEach(async () => {
  dataDir = tempDir();
  core = await startCore({ dataDir, secretBox: testBox, version: 'test' });
  sim = await startWooSim({ consumerKey: KEY, consumerSecret: SECRET, orders: sampleWooOrders({ count: 5 }) });
});
afterEach(async () => {
  await core.close();
  await sim.close();
});

async function call(name: string, arg: unknown): Promise<Result<unknown>> {
  return dispatch(core.api, name, arg);
}

async function ok<T>(name: string, arg: unknown): Promise<T> {
  const result = await call(name, arg);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`);
  return result.value as T;
}

async function refusal(name: string, arg: unknown): Promise<string> {
  const result = await call(name, arg);
  if (result.ok) throw new Error(`${name} was accepted`);
  return result.error.message;
}

const shop = (overrides: Record<string, unknown> = {}) => ({
  providerCode: 'woocommerce',
  externalId: 'store_abc',
  displayName: 'Müller Tees',
  baseUrl: sim.url,
  apiKey: KEY,
  apiSecret: SECRET,
  ...overrides,
});

function databaseBytes(): Buffer {
  return Buffer.concat(
    readdirSync(dataDir)
      .filter((f) => f.startsWith('packdesk.sqlite'))
      .map((f) => readFileSync(join(dataDir, f))),
  );
}

describe('credentials', () => {
  it('adds a shop, lists it without its secrets, and keeps them sealed in the database file', async () => {
    const added = await ok<CredentialView>('credentials.add', shop({ settings: { autoPullMinutes: 15 } }));
    expect(added).toMatchObject({
      providerCode: 'woocommerce',
      externalId: 'store_abc',
      displayName: 'Müller Tees',
      isActive: true,
      savedSecrets: ['apiKey', 'apiSecret'],
      settings: { autoPullMinutes: 15 },
      lastPull: null,
    });
    const list = await ok<CredentialView[]>('credentials.list', {});
    expect(list).toHaveLength(1);
    const everything = JSON.stringify([added, list]);
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain(SECRET);

    core.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = databaseBytes();
    expect(bytes.includes(Buffer.from('Müller Tees'))).toBe(true); // the file is readable as such…
    expect(bytes.includes(Buffer.from(KEY))).toBe(false); // …but holds no secret in plain text
    expect(bytes.includes(Buffer.from(SECRET))).toBe(false);
  });

  it('refuses bad input in words and stores nothing', async () => {
    expect(await refusal('credentials.add', shop({ apiSecret: '' }))).toBe(
      'Enter the consumer secret of the WooCommerce shop.',
    );
    expect(await refusal('credentials.add', shop({ providerCode: 'shopify', apiKey: ' ' }))).toBe(
      'Enter the Admin API access token of the Shopify shop.',
    );
    expect(await refusal('credentials.add', shop({ baseUrl: 'ftp://shop.example.com' }))).toBe(
      'The shop address "ftp://shop.example.com" must start with https:// (or http://).',
    );
    expect(await refusal('credentials.add', shop({ baseUrl: 'https://shop example' }))).toBe(
      '"https://shop example" is not a web address; it should look like https://shop.example.com.',
    );
    expect(await refusal('credentials.add', shop({ externalId: 'my store!' }))).toMatch(
      /externalId: The store id may hold letters, digits, dots, dashes and underscores only/,
    );
    expect(await refusal('credentials.add', shop({ displayName: '   ' }))).toMatch(/displayName: Give the shop a name/);
    expect(await refusal('credentials.add', shop({ providerCode: 'magento' }))).toMatch(
      /Choose a shop system PackDesk can connect: woocommerce, shopify, storefront, tgshop/,
    );
    expect(await refusal('credentials.add', shop({ settings: { autoPullMinutes: 7 } }))).toMatch(
      /Auto-pull runs every 5, 15, 30, 60 minutes, or is off/,
    );
    expect(await ok<CredentialView[]>('credentials.list', {})).toEqual([]);

    await ok('credentials.add', shop());
    expect(await refusal('credentials.add', shop({ displayName: 'Again' }))).toBe(
      'A WooCommerce store with the id "store_abc" is already connected (Müller Tees); edit that one or choose another id.',
    );
    expect(await ok<CredentialView[]>('credentials.list', {})).toHaveLength(1);
  });

  it('tests the connection and says in the shop’s words why it fails', async () => {
    const { id } = await ok<CredentialView>('credentials.add', shop({ apiSecret: 'cs_typo' }));
    expect(await ok('credentials.test', { id })).toEqual({
      ok: false,
      message: 'WooCommerce refused the consumer key: Invalid signature - provided signature does not match.',
    });

    // A blank key keeps the saved one; only the typed secret is replaced.
    await ok('credentials.update', { id, apiKey: '', apiSecret: SECRET });
    expect(await ok('credentials.test', { id })).toEqual({
      ok: true,
      message: 'Connected: Müller Tees answered and accepted the keys.',
    });
  });

  it('updates name, address and settings without touching the rest', async () => {
    const { id } = await ok<CredentialView>('credentials.add', shop({ settings: { statuses: ['processing'] } }));
    const updated = await ok<CredentialView>('credentials.update', {
      id,
      displayName: '  Müller Tees DE ',
      baseUrl: `${sim.url}/`,
      settings: { autoPullMinutes: 5 },
    });
    expect(updated).toMatchObject({
      displayName: 'Müller Tees DE',
      baseUrl: sim.url,
      settings: { statuses: ['processing'], autoPullMinutes: 5 },
    });
    expect((await ok<{ ok: boolean }>('credentials.test', { id })).ok).toBe(true);
    expect(await refusal('credentials.update', { id: 999 })).toBe('There is no shop or carrier account with id 999.');
  });

  it('deactivates a shop: it is kept, but not pulled until switched on again', async () => {
    const { id } = await ok<CredentialView>('credentials.add', shop());
    expect(await ok<CredentialView>('credentials.deactivate', { id })).toMatchObject({ id, isActive: false });
    expect(await refusal('orders.pull', { credentialId: id })).toBe(
      'Müller Tees is switched off; switch it on to pull.',
    );
    expect(await ok('orders.pull', {})).toEqual({ pulled: 0, new_orders: 0, failed: 0 });
    expect(sim.requests.total).toBe(0);

    await ok('credentials.update', { id, isActive: true });
    expect((await ok<{ pulled: number }>('orders.pull', { credentialId: id })).pulled).toBeGreaterThan(0);
    const [listed] = await ok<CredentialView[]>('credentials.list', {});
    expect(listed?.lastPull).toMatchObject({ error: null, result: { new_orders: expect.any(Number) as number } });
  });
});
