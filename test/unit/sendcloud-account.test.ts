/**
 * The Sendcloud account as the Carriers section saves it, through the contract's door (dispatch):
 * a real database file, keys sealed, refusals in words, "Test" as real HTTP to the Sendcloud
 * simulator, and carriers.list offering its shipping options only while the account is on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSendcloudSim, type SendcloudSim } from '../../sim/sendcloud/server';
import { startCore, type Core } from '../../src/main/core/core';
import { dispatch } from '../../src/main/core/dispatch';
import type { CarrierList } from '../../src/shared/carriers';
import type { CredentialTestResult, CredentialView } from '../../src/shared/dto';
import type { Result } from '../../src/shared/errors';
import { testBox } from '../support/orders';
import { SENDCLOUD_PUBLIC, SENDCLOUD_SECRET } from '../support/sendcloud';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let core: Core;
let dataDir: string;
let sim: SendcloudSim;

beforeEach(async () => {
  dataDir = tempDir();
  core = await startCore({ dataDir, secretBox: testBox, version: 'test' });
  sim = await startSendcloudSim({ publicKey: SENDCLOUD_PUBLIC, secretKey: SENDCLOUD_SECRET });
});
afterEach(async () => {
  await core.close();
  await sim.close();
});

async function call<T>(name: string, arg: unknown): Promise<Result<T>> {
  return dispatch(core.api, name, arg) as Promise<Result<T>>;
}

async function ok<T>(name: string, arg: unknown): Promise<T> {
  const result = await call<T>(name, arg);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`);
  return result.value;
}

async function refusal(name: string, arg: unknown): Promise<string> {
  const result = await call(name, arg);
  if (result.ok) throw new Error(`${name} was accepted`);
  return result.error.message;
}

const account = (overrides: Record<string, unknown> = {}) => ({
  baseUrl: sim.url,
  publicKey: SENDCLOUD_PUBLIC,
  secretKey: SENDCLOUD_SECRET,
  shippingOptions: 'postnl:standard\n dhl_express:worldwide/incoterm=dap, postnl:standard',
  labelFormat: 'zpl',
  ...overrides,
});

describe('the Sendcloud account', () => {
  it('is refused in words without keys or with a shipping option that is not one, and nothing is saved', async () => {
    expect(await refusal('carriers.addSendcloud', account({ secretKey: '' }))).toBe(
      'Enter the secret key of the Sendcloud account (Settings → Integrations → Sendcloud API).',
    );
    expect(await refusal('carriers.addSendcloud', account({ shippingOptions: 'postnl:standard express' }))).toBe(
      '"express" is not a Sendcloud shipping option code; they are written carrier:product, like postnl:standard.',
    );
    expect(await refusal('carriers.addSendcloud', account({ shippingOptions: ' ' }))).toMatch(
      /^Enter at least one Sendcloud shipping option/,
    );
    expect(await refusal('carriers.addSendcloud', account({ labelFormat: 'png' }))).toBe(
      'The request for carriers.addSendcloud is not valid: labelFormat: Choose PDF or ZPL as the label format',
    );
    expect(await ok<CredentialView[]>('credentials.list', {})).toEqual([]);
  });

  it('is saved with its keys sealed, tested, offered with its options, edited and switched off', async () => {
    const saved = await ok<CredentialView>('carriers.addSendcloud', account());
    expect(saved).toMatchObject({
      providerCode: 'sendcloud',
      settings: { shippingOptions: ['postnl:standard', 'dhl_express:worldwide/incoterm=dap'], labelFormat: 'zpl' },
      savedSecrets: ['apiKey', 'apiSecret'],
    });
    expect(JSON.stringify(saved)).not.toContain(SENDCLOUD_SECRET);
    expect(readFileSync(join(dataDir, 'packdesk.sqlite')).includes(SENDCLOUD_SECRET)).toBe(false);
    expect(await refusal('carriers.addSendcloud', account())).toMatch(/^A Sendcloud account is already saved/);

    const test = await ok<CredentialTestResult>('credentials.test', { id: saved.id });
    expect(test).toEqual({
      ok: true,
      message: 'Sendcloud accepted the keys. Labels will be bought with postnl:standard.',
    });

    const list = await ok<CarrierList>('carriers.list', {});
    expect(list.carriers.find((c) => c.code === 'sendcloud')?.services.map((s) => s.code)).toEqual([
      'postnl:standard',
      'dhl_express:worldwide/incoterm=dap',
    ]);

    // A blank key keeps the saved one; a wrong one is what Test then reports.
    await ok('carriers.updateSendcloud', { id: saved.id, secretKey: '', shippingOptions: 'dhl:paket' });
    expect((await ok<CredentialTestResult>('credentials.test', { id: saved.id })).ok).toBe(true);
    await ok('carriers.updateSendcloud', { id: saved.id, secretKey: 'wrong' });
    expect((await ok<CredentialTestResult>('credentials.test', { id: saved.id })).message).toBe(
      'Sendcloud refused the account (401: Invalid username/password); check the public and secret key of the Sendcloud account.',
    );

    await ok('credentials.deactivate', { id: saved.id });
    expect((await ok<CarrierList>('carriers.list', {})).carriers.map((c) => c.code)).toEqual(['local']);
  });
});
