/**
 * Retry one failed label, or all of them, through the handlers as the UI calls them: a real core
 * on a temp SQLite file with a DHL account pointing at the simulator over loopback HTTP.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDhlSim, type DhlSim } from '../../sim/dhl/server';
import { startCore, type Core } from '../../src/main/core/core';
import { closeDatabase, openDatabase } from '../../src/main/core/db/open';
import { dispatch } from '../../src/main/core/dispatch';
import { DHL_KEY, DHL_PASSWORD, DHL_USER, addDhlAccount, importGermanOrders } from '../support/dhl';
import { testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const sims: DhlSim[] = [];
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  for (const sim of sims.splice(0)) await sim.close();
});

async function setup(orders: number) {
  const sim = await startDhlSim({ apiKey: DHL_KEY, username: DHL_USER, password: DHL_PASSWORD });
  sims.push(sim);
  const dataDir = tempDir();
  const db = openDatabase(join(dataDir, 'packdesk.sqlite'));
  const ids = importGermanOrders(db, orders);
  addDhlAccount(db, sim.url);
  closeDatabase(db);
  const core = await startCore({ dataDir, secretBox: testBox, version: 'test' });
  cores.push(core);
  const fixStreet = (id: number, line1: string) =>
    core.db.$client.prepare('UPDATE orders SET ship_line1 = ? WHERE id = ?').run(line1, id);
  return { sim, core, api: core.api, ids, fixStreet };
}

describe('retrying labels', () => {
  it('retries one order after its address is fixed, then all failed with another carrier', async () => {
    const { sim, api, ids, fixStreet } = await setup(4);
    sim.misbehave.rejectStreet('Müllerstraße');
    fixStreet(ids[0]!, 'Hauptstraße 1');
    fixStreet(ids[1]!, 'Hauptstraße 2');
    const first = await api['labels.generate']({ orderIds: ids, carrier: 'dhl' });
    expect(first.success).toEqual([ids[0], ids[1]]);
    expect(first.failed.map((f) => f.order_id)).toEqual([ids[2], ids[3]]);

    fixStreet(ids[2]!, 'Hauptstraße 3');
    expect(await api['labels.retry']({ orderIds: [ids[2]!] })).toEqual({ success: [ids[2]], failed: [] });
    expect((await api['orders.get']({ id: ids[2]! })).label?.carrier).toBe('dhl');

    // The last one cannot go with DHL as it is: the run switches it to own delivery.
    const rest = await api['labels.retry']({ carrier: 'local' });
    expect(rest).toEqual({ success: [ids[3]], failed: [] });
    const detail = await api['orders.get']({ id: ids[3]! });
    expect(detail).toMatchObject({ status: 'label_created', label: { carrier: 'local' } });
    expect(detail.trackingNumber).toMatch(/^LP\d{9}DE$/);
    expect(detail.errors.every((e) => e.resolved)).toBe(true);
    expect(await api['labels.retry']({})).toEqual({ success: [], failed: [] });
    expect(sim.shipments()).toHaveLength(3);
  });

  it("keeps the failed label's DHL service on retry unless the run names another", async () => {
    const { sim, api, ids, fixStreet } = await setup(2);
    sim.misbehave.rejectStreet('Müllerstraße');
    await api['labels.generate']({ orderIds: ids, carrier: 'dhl', service: 'V62KP' });
    fixStreet(ids[0]!, 'Hauptstraße 1');
    fixStreet(ids[1]!, 'Hauptstraße 2');
    await api['labels.retry']({ orderIds: [ids[0]!] });
    await api['labels.retry']({ orderIds: [ids[1]!], service: 'V01PAK' });
    expect(sim.shipments().map((s) => s.product)).toEqual(['V62KP', 'V01PAK']);
  });

  it('refuses in words to retry an order whose label did not fail, or a service that is no word', async () => {
    const { api, ids, core } = await setup(1);
    await api['labels.generate']({ orderIds: ids, carrier: 'dhl' });
    expect(await api['labels.retry']({ orderIds: [ids[0]!, 999] })).toEqual({
      success: [],
      failed: [
        { order_id: ids[0], error: 'Order 1001 has no failed label to retry.' },
        { order_id: 999, error: 'Order 999 does not exist.' },
      ],
    });
    const bad = await dispatch(core.api, 'labels.retry', { orderIds: [ids[0]], service: 'V01 PAK; drop' });
    expect(bad).toEqual({
      ok: false,
      error: {
        code: 'bad_request',
        message:
          'The request for labels.retry is not valid: service: A service is a code such as standard, V01PAK or postnl:standard',
      },
    });
  });
});
