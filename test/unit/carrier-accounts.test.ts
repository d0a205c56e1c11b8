/**
 * The DHL account as the Carriers section saves it, through the contract's door (dispatch): a real
 * database file, secrets sealed with the headless AES box, "Test" as real HTTP to the DHL simulator,
 * and carriers.list offering DHL only while the account is on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDhlSim, type DhlSim } from '../../sim/dhl/server';
import { startCore, type Core } from '../../src/main/core/core';
import { dispatch } from '../../src/main/core/dispatch';
import type { CarrierList } from '../../src/shared/carriers';
import type { CredentialTestResult, CredentialView } from '../../src/shared/dto';
import type { Result } from '../../src/shared/errors';
import { DHL_BILLING, DHL_KEY, DHL_PASSWORD, DHL_PROFILE, DHL_USER } from '../support/dhl';
import { testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let core: Core;
let dataDir: string;
let sim: DhlSim;

beforeEach(async () => {
  dataDir = tempDir();
  core = await startCore({ dataDir, secretBox: testBox, version: 'test' });
  sim = await startDhlSim({ apiKey: DHL_KEY, username: DHL_USER, password: DHL_PASSWORD });
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

const account = (overrides: Record<string, unknown> = {}) => ({
  displayName: 'DHL Paket Lager Bonn',
  baseUrl: sim.url,
  apiKey: DHL_KEY,
  username: DHL_USER,
  password: DHL_PASSWORD,
  profile: DHL_PROFILE,
  billingNumber: '3333333333 01 02',
  docFormat: 'ZPL2',
  ...overrides,
});

function databaseBytes(): Buffer {
  return Buffer.concat(
    readdirSync(dataDir)
      .filter((f) => f.startsWith('packdesk.sqlite'))
      .map((f) => readFileSync(join(dataDir, f))),
  );
}

const carrierCodes = async () => (await ok<CarrierList>('carriers.list', {})).carriers.map((c) => c.code);

describe('carriers.list', () => {
  it('offers local alone, then DHL with its five services while its account is on', async () => {
    expect(await ok<CarrierList>('carriers.list', {})).toEqual({
      carriers: [
        {
          code: 'local',
          name: 'Local delivery',
          services: [{ code: 'standard', name: 'Standard' }],
          defaultService: 'standard',
        },
      ],
      defaultCarrier: 'local',
    });

    const dhl = await ok<CredentialView>('carriers.addDhl', account());
    const list = await ok<CarrierList>('carriers.list', {});
    expect(list.carriers.map((c) => c.code)).toEqual(['local', 'dhl']);
    expect(list.carriers[1]!.services.map((s) => s.code)).toEqual(['V01PAK', 'V53WPAK', 'V54EPAK', 'V62KP', 'V66WPI']);
    expect(list.carriers[1]!.defaultService).toBe('V01PAK');

    await ok('credentials.deactivate', { id: dhl.id });
    expect(await carrierCodes()).toEqual(['local']);
    await ok('carriers.updateDhl', { id: dhl.id, isActive: true });
    expect(await carrierCodes()).toEqual(['local', 'dhl']);
  });
});

describe('the DHL account', () => {
  it('is saved with its secrets sealed, never sent back, and kept when an edit leaves them blank', async () => {
    const saved = await ok<CredentialView>('carriers.addDhl', account());
    expect(saved).toMatchObject({
      type: 'logistics',
      providerCode: 'dhl',
      baseUrl: sim.url,
      isActive: true,
      savedSecrets: ['apiKey', 'username', 'password'],
      settings: { profile: DHL_PROFILE, billingNumber: DHL_BILLING, docFormat: 'ZPL2', validateFirst: false },
    });
    const listed = JSON.stringify(await ok('credentials.list', {}));
    expect(listed).not.toContain(DHL_KEY);
    expect(listed).not.toContain(DHL_PASSWORD);
    expect(databaseBytes().includes(DHL_PASSWORD)).toBe(false);
    expect(databaseBytes().includes(DHL_KEY)).toBe(false);

    // Blank secrets keep the saved ones: the test still gets through to DHL.
    await ok('carriers.updateDhl', {
      id: saved.id,
      displayName: 'DHL Bonn',
      apiKey: '',
      password: '',
      docFormat: 'PDF',
    });
    const tested = await ok<CredentialTestResult>('credentials.test', { id: saved.id });
    expect(tested).toEqual({ ok: true, message: expect.stringContaining('DHL accepted the account') });
    expect(tested.message).toContain('Nothing was bought');
    expect(sim.shipments()).toHaveLength(0);
  });

  it('refuses a billing number that is not 14 digits, in words, and stores nothing', async () => {
    expect(await refusal('carriers.addDhl', account({ billingNumber: '3333333333' }))).toBe(
      "The billing number 3333333333 has 10 digits; DHL's has 14: your 10-digit customer number (EKP), then the product and participation, 2 digits each.",
    );
    expect(await refusal('carriers.addDhl', account({ billingNumber: '33333333330A02' }))).toContain('digits only');
    expect(await refusal('carriers.addDhl', account({ password: '' }))).toBe('Enter the password of the DHL account.');
    expect(await ok('credentials.list', {})).toEqual([]);

    const saved = await ok<CredentialView>('carriers.addDhl', account());
    expect(await refusal('carriers.updateDhl', { id: saved.id, billingNumber: '123' })).toContain('has 3 digits');
    expect((await ok<CredentialView[]>('credentials.list', {}))[0]!.settings.billingNumber).toBe(DHL_BILLING);
    expect(await refusal('carriers.addDhl', account())).toContain('already saved');
  });

  it('tells in words when DHL refuses the login', async () => {
    const saved = await ok<CredentialView>('carriers.addDhl', account());
    await ok('carriers.updateDhl', { id: saved.id, password: 'wrong-password' });
    const tested = await ok<CredentialTestResult>('credentials.test', { id: saved.id });
    expect(tested.ok).toBe(false);
    expect(tested.message).toContain('check the API key, user name and password of the DHL account');
  });
});
