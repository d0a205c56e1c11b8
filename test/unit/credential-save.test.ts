/**
 * One way to save an account: the REST API (POST /api/credentials) and the Channels screen
 * (credentials.add / .update) go through the same saveCredential, so an account saved either way
 * is stored, normalised, merged and tested alike, and neither answer ever holds a secret.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectionOf } from '../../src/main/core/credentials/credential-repo';
import type { CredentialView } from '../../src/shared/dto';
import { startWooSim, type WooSim } from '../../sim/woocommerce/server';
import { sampleWooOrders } from '../../sim/woocommerce/sample-orders';
import { startIrCloudSim } from '../../sim/ircloud/server';
import { testBox } from '../support/orders';
import { useRestServer } from '../support/rest-server';
import { useTempDir } from '../support/temp-dir';

const KEY = 'ck_live_5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b';
const SECRET = 'cs_live_0a1b2c3d4e5f60718293a4b5c6d7e8f9';

const tempDir = useTempDir();
const serve = useRestServer(tempDir);
let sim: WooSim;

beforeEach(async () => {
  sim = await startWooSim({ consumerKey: KEY, consumerSecret: SECRET, orders: sampleWooOrders({ count: 2 }) });
});
afterEach(async () => {
  await sim.close();
});

/** What must be equal between two accounts saved the two ways: all but who they are. */
function behaviour(c: CredentialView) {
  const { id: _id, externalId: _externalId, displayName: _displayName, createdAt: _createdAt, ...rest } = c;
  return rest;
}

describe('saving an account through REST or the Channels screen', () => {
  it('stores, normalises, merges and tests the same, and echoes no secret either way', async () => {
    const { core, request } = await serve();
    const viaRest = await request('POST', '/api/credentials', {
      json: {
        type: 'order_channel',
        provider_code: 'woocommerce',
        external_id: 'rest_shop',
        display_name: 'Saved by a script',
        base_url: `${sim.url}/`,
        settings: { statuses: ['processing'] },
        api_key: KEY,
        api_secret: SECRET,
      },
    });
    expect(viaRest.status).toBe(201);
    const viaUi = await core.api['credentials.add']({
      providerCode: 'woocommerce',
      externalId: 'ui_shop',
      displayName: 'Saved on the Channels screen',
      baseUrl: `${sim.url}/`,
      settings: { statuses: ['processing'] },
      apiKey: KEY,
      apiSecret: SECRET,
    });

    // An update of each, the REST one by sending the same account again: settings are merged.
    const restUpdate = await request('POST', '/api/credentials', {
      json: {
        type: 'order_channel',
        provider_code: 'woocommerce',
        external_id: 'rest_shop',
        settings: { autoPullMinutes: 15 },
      },
    });
    expect(restUpdate.status).toBe(200);
    await core.api['credentials.update']({ id: viaUi.id, settings: { autoPullMinutes: 15 } });

    const [rest, ui] = await core.api['credentials.list']({});
    expect(rest!.id).toBe((viaRest.body as { id: number }).id);
    expect(behaviour(rest!)).toEqual(behaviour(ui!));
    expect(rest).toMatchObject({
      baseUrl: sim.url,
      settings: { statuses: ['processing'], autoPullMinutes: 15 },
      savedSecrets: ['apiKey', 'apiSecret'],
      isActive: true,
    });
    for (const c of [rest!, ui!]) expect(await core.api['credentials.test']({ id: c.id })).toMatchObject({ ok: true });

    const answers = [viaRest, restUpdate, await request('GET', '/api/credentials')].map((r) =>
      new TextDecoder().decode(r.bytes),
    );
    for (const text of [...answers, JSON.stringify([viaUi, rest, ui])]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(SECRET);
    }
  });

  it('asks both ways for the secrets the provider needs, no more', async () => {
    const { core, request } = await serve();
    // Shopify needs the access token alone (api_key): a script need not invent an api_secret.
    const shopify = await request('POST', '/api/credentials', {
      json: {
        type: 'order_channel',
        provider_code: 'shopify',
        external_id: 'rest-store',
        base_url: 'https://rest-store.myshopify.com',
        api_key: 'shpat_rest',
      },
    });
    expect(shopify.status).toBe(201);
    const ui = await core.api['credentials.add']({
      providerCode: 'shopify',
      externalId: 'ui-store',
      displayName: 'UI store',
      baseUrl: 'ui-store.myshopify.com',
      settings: {},
      apiKey: 'shpat_ui',
      apiSecret: '',
    });
    const [rest] = await core.api['credentials.list']({});
    expect(rest!.savedSecrets).toEqual(ui.savedSecrets);
    expect([rest!.baseUrl, ui.baseUrl]).toEqual(['https://rest-store.myshopify.com', 'https://ui-store.myshopify.com']);

    const missing = await request('POST', '/api/credentials', {
      json: { type: 'order_channel', provider_code: 'woocommerce', external_id: 'w', api_key: KEY },
    });
    expect(missing.body).toEqual({ error: 'Enter the consumer secret of the WooCommerce shop.', code: 400 });
    await expect(
      core.api['credentials.add']({
        providerCode: 'woocommerce',
        externalId: 'w',
        displayName: 'W',
        baseUrl: sim.url,
        settings: {},
        apiKey: KEY,
        apiSecret: '',
      }),
    ).rejects.toThrow('Enter the consumer secret of the WooCommerce shop.');
    expect(await core.api['credentials.list']({})).toHaveLength(2);
  });

  it("seals iRCloud's login beside its two secrets, so an account saved by a script tests like one saved on the screen", async () => {
    const login = { clientId: 'ir-client', clientSecret: 'ir-secret', userName: 'packer', password: 'pa55-word' };
    const ir = await startIrCloudSim({ ...login, orders: [] });
    try {
      const { core, request } = await serve();
      const saved = await request('POST', '/api/credentials', {
        json: {
          type: 'order_channel',
          provider_code: 'ircloud',
          external_id: 'org-1',
          base_url: ir.url,
          api_key: login.clientId,
          api_secret: login.clientSecret,
          username: login.userName,
          password: login.password,
        },
      });
      expect(saved.status).toBe(201);
      const text = new TextDecoder().decode(saved.bytes);
      for (const secret of Object.values(login)) expect(text).not.toContain(secret);
      const [account] = await core.api['credentials.list']({});
      expect(account!.savedSecrets).toEqual(['apiKey', 'apiSecret', 'username', 'password']);
      expect(await core.api['credentials.test']({ id: account!.id })).toMatchObject({ ok: true });

      const noLogin = await request('POST', '/api/credentials', {
        json: { type: 'order_channel', provider_code: 'ircloud', external_id: 'org-2', api_key: 'a', api_secret: 'b' },
      });
      expect(noLogin.body).toEqual({ error: 'Enter the user name and the password of the iRCloud shop.', code: 400 });
    } finally {
      await ir.close();
    }
  });

  it("says a storefront's optional Shopify token is saved only when it is, and can forget it", async () => {
    const { core } = await serve();
    const add = {
      providerCode: 'storefront',
      displayName: 'Storefront',
      baseUrl: 'https://shop.example.com',
      settings: {},
      apiSecret: '',
    } as const;
    // The form sends a blank field as it is: a storefront needs no key of its own.
    const without = await core.api['credentials.add']({ ...add, externalId: 'plain', apiKey: '' });
    expect(without.savedSecrets).toEqual([]);
    const withToken = await core.api['credentials.add']({ ...add, externalId: 'proxied', apiKey: 'shpat_0123abcd' });
    expect(withToken.savedSecrets).toEqual(['apiKey']);
    expect((await core.api['credentials.list']({})).map((c) => c.savedSecrets)).toEqual([[], ['apiKey']]);

    // Typed and removed at once is refused; a removal alone forgets it, and nothing else changes.
    await expect(
      core.api['credentials.update']({ id: withToken.id, apiKey: 'shpat_new', removeSecrets: ['apiKey'] }),
    ).rejects.toThrow('Either type a new Shopify access token or remove the saved one, not both.');
    const forgotten = await core.api['credentials.update']({ id: withToken.id, removeSecrets: ['apiKey'] });
    expect(forgotten).toMatchObject({
      savedSecrets: [],
      displayName: 'Storefront',
      baseUrl: 'https://shop.example.com',
    });
    expect(connectionOf(core.db, testBox, withToken.id).apiKey).toBe('');
    const again = await core.api['credentials.update']({ id: withToken.id, apiKey: 'shpat_again' });
    expect(again.savedSecrets).toEqual(['apiKey']);
    expect(connectionOf(core.db, testBox, withToken.id).apiKey).toBe('shpat_again');

    // A secret the shop cannot do without is replaced, never removed.
    const woo = await core.api['credentials.add']({
      providerCode: 'woocommerce',
      externalId: 'w',
      displayName: 'Woo',
      baseUrl: sim.url,
      settings: {},
      apiKey: KEY,
      apiSecret: SECRET,
    });
    await expect(core.api['credentials.update']({ id: woo.id, removeSecrets: ['apiSecret'] })).rejects.toThrow(
      'The consumer secret of Woo is needed to reach it; type a new one instead of removing it.',
    );
    expect(connectionOf(core.db, testBox, woo.id).apiSecret).toBe(SECRET);
  });
});
