/**
 * The DHL simulator speaks Parcel DE Shipping v2 as documented: tests of our adapter are only as
 * good as this. Real loopback HTTP with fetch; labels read back with pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDhlSim, type DhlSim, type DhlSimOptions } from '../../sim/dhl/server';
import type { DhlOrdersAnswer, DhlShipmentRequest } from '../../sim/dhl/types';
import { DHL_KEY, DHL_PASSWORD, DHL_PROFILE, DHL_USER, dhlHeaders, dhlShipment } from '../support/dhl';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const sims: DhlSim[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
});

async function sim(opts: Partial<DhlSimOptions> = {}): Promise<DhlSim> {
  const s = await startDhlSim({ apiKey: DHL_KEY, username: DHL_USER, password: DHL_PASSWORD, ...opts });
  sims.push(s);
  return s;
}

async function post(s: DhlSim, shipments: DhlShipmentRequest[], query = 'docFormat=PDF', headers = dhlHeaders()) {
  const res = await fetch(`${s.url}/orders?${query}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ profile: DHL_PROFILE, shipments }),
  });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    headers: res.headers,
    body: (await res.json()) as DhlOrdersAnswer,
  };
}

describe('the DHL Parcel DE Shipping v2 simulator', () => {
  it('refuses a wrong API key or password with 401 problem+json and creates nothing', async () => {
    const s = await sim();
    for (const headers of [dhlHeaders('wrong'), dhlHeaders(DHL_KEY, DHL_USER, 'nope')]) {
      const answer = await post(s, [dhlShipment('PD-1-aaaaaaaa')], 'docFormat=PDF', headers);
      expect(answer.status).toBe(401);
      expect(answer.type).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    }
    expect(s.shipments()).toHaveLength(0);
  });

  it('buys one shipment with 200 and a PDF label that holds the shipment number', async () => {
    const s = await sim();
    const { status, body } = await post(s, [dhlShipment('PD-1-aaaaaaaa')]);
    expect(status).toBe(200);
    const [item] = body.items;
    expect(item).toMatchObject({
      sstatus: { statusCode: 200 },
      shipmentRefNo: 'PD-1-aaaaaaaa',
      label: { fileFormat: 'PDF' },
    });
    expect(item!.shipmentNo).toMatch(/^\d{20}$/);
    const file = join(tempDir(), 'label.pdf');
    writeFileSync(file, Buffer.from(item!.label!.b64!, 'base64'));
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain(item!.shipmentNo);
    expect(s.createdFor('PD-1-aaaaaaaa')).toBe(1);
  });

  it('answers ZPL2 text holding the shipment number when asked for it', async () => {
    const s = await sim();
    const { body } = await post(s, [dhlShipment('PD-1-aaaaaaaa')], 'docFormat=ZPL2');
    const label = body.items[0]!.label!;
    expect(label.fileFormat).toBe('ZPL2');
    expect(label.zpl2).toMatch(/^\^XA/);
    expect(label.zpl2).toContain(`^FD${body.items[0]!.shipmentNo}^FS`);
  });

  it('answers several shipments with 207, items in request order, each failure with its validationMessages', async () => {
    const s = await sim();
    s.misbehave.rejectPostcode('99999');
    const { status, body } = await post(s, [
      dhlShipment('PD-1-aaaaaaaa'),
      dhlShipment('PD-2-bbbbbbbb', { postalCode: '99999' }),
      dhlShipment('PD-3-cccccccc', { addressHouse: '' }),
      dhlShipment('PD-4-dddddddd'),
    ]);
    expect(status).toBe(207);
    expect(body.items.map((i) => i.sstatus.statusCode)).toEqual([200, 400, 400, 200]);
    expect(body.items[0]!.shipmentRefNo).toBe('PD-1-aaaaaaaa');
    expect(body.items[3]!.shipmentRefNo).toBe('PD-4-dddddddd');
    expect(body.items[1]!.validationMessages).toEqual([
      {
        property: 'shipments[1].consignee.postalCode',
        validationMessage: 'The postal code could not be found for this city. Please check the address.',
        validationState: 'Error',
      },
    ]);
    expect(body.items[2]!.validationMessages![0]).toMatchObject({ property: 'shipments[2].consignee.addressHouse' });
    expect(s.shipments()).toHaveLength(2);
  });

  it('answers 400 problem+json when no shipment could be made, and refuses 0 or 31 shipments', async () => {
    const s = await sim();
    s.misbehave.rejectStreet('Nirgendwo');
    const one = await post(s, [dhlShipment('PD-1-aaaaaaaa', { addressStreet: 'Nirgendwo' })]);
    expect(one.status).toBe(400);
    expect(one.type).toMatch(/problem\+json/);
    expect(one.body.items[0]!.validationMessages![0]!.property).toBe('shipments[0].consignee.addressStreet');
    for (const n of [0, 31]) {
      const many = await post(
        s,
        Array.from({ length: n }, (_, i) => dhlShipment(`PD-${i}-aaaaaaaa`)),
      );
      expect(many.status).toBe(400);
      expect(many.body.status.detail).toMatch(/1 to 30 shipments/);
    }
    expect(s.shipments()).toHaveLength(0);
  });

  it('validates without buying when validate=true', async () => {
    const s = await sim();
    const { status, body } = await post(
      s,
      [dhlShipment('PD-1-aaaaaaaa'), dhlShipment('PD-2-bbbbbbbb', { country: 'FRA' })],
      'validate=true',
    );
    expect(status).toBe(207);
    expect(body.items[0]).toEqual({ sstatus: { title: 'OK', statusCode: 200 }, validationMessages: [] });
    expect(body.items[1]!.validationMessages![0]!.validationMessage).toMatch(/only be shipped within Germany/);
    expect(s.shipments()).toHaveLength(0);
  });

  it('reprints by shipment number and voids with DELETE; a voided shipment is not reprinted', async () => {
    const s = await sim();
    const no = (await post(s, [dhlShipment('PD-1-aaaaaaaa')])).body.items[0]!.shipmentNo!;
    const again = await fetch(`${s.url}/orders?shipment=${no}&docFormat=ZPL2`, { headers: dhlHeaders() });
    expect(again.status).toBe(200);
    expect(((await again.json()) as DhlOrdersAnswer).items[0]!.label!.zpl2).toContain(no);

    const voided = await fetch(`${s.url}/orders?profile=${DHL_PROFILE}&shipment=${no}`, {
      method: 'DELETE',
      headers: dhlHeaders(),
    });
    expect(voided.status).toBe(200);
    expect(s.shipments()[0]!.voided).toBe(true);
    const twice = await fetch(`${s.url}/orders?profile=${DHL_PROFILE}&shipment=${no}`, {
      method: 'DELETE',
      headers: dhlHeaders(),
    });
    expect(twice.status).toBe(400);
    expect((await fetch(`${s.url}/orders?shipment=${no}`, { headers: dhlHeaders() })).status).toBe(400);
  });

  it('plays each reading of a repeated refNo: buys again, replays the first, or refuses naming it', async () => {
    const allow = await sim();
    await post(allow, [dhlShipment('PD-1-aaaaaaaa')]);
    await post(allow, [dhlShipment('PD-1-aaaaaaaa')]);
    expect(allow.createdFor('PD-1-aaaaaaaa')).toBe(2);

    const replay = await sim({ duplicateRefNo: 'replay' });
    const first = (await post(replay, [dhlShipment('PD-1-aaaaaaaa')])).body.items[0]!.shipmentNo;
    const second = await post(replay, [dhlShipment('PD-1-aaaaaaaa')]);
    expect(second.status).toBe(200);
    expect(second.body.items[0]!.shipmentNo).toBe(first);
    expect(replay.createdFor('PD-1-aaaaaaaa')).toBe(1);

    const refuse = await sim({ duplicateRefNo: 'refuse' });
    const made = (await post(refuse, [dhlShipment('PD-1-aaaaaaaa')])).body.items[0]!.shipmentNo!;
    const refused = await post(refuse, [dhlShipment('PD-1-aaaaaaaa')]);
    expect(refused.status).toBe(400);
    expect(refused.body.items[0]!.validationMessages![0]!.validationMessage).toContain(made);
    expect(refuse.createdFor('PD-1-aaaaaaaa')).toBe(1);
  });

  it('finds a shipment by refNo only when the lookup extension is on', async () => {
    const on = await sim({ lookupByRefNo: true });
    const no = (await post(on, [dhlShipment('PD-1-aaaaaaaa')])).body.items[0]!.shipmentNo;
    const found = await fetch(`${on.url}/orders?refNo=PD-1-aaaaaaaa`, { headers: dhlHeaders() });
    expect(((await found.json()) as DhlOrdersAnswer).items[0]!.shipmentNo).toBe(no);
    expect((await fetch(`${on.url}/orders?refNo=PD-9-zzzzzzzz`, { headers: dhlHeaders() })).status).toBe(404);

    const off = await sim();
    expect((await fetch(`${off.url}/orders?refNo=PD-1-aaaaaaaa`, { headers: dhlHeaders() })).status).toBe(400);
  });

  it('misbehaves on demand: 429 with Retry-After, creating then never answering, going away, latency', async () => {
    const s = await sim();
    s.misbehave.rateLimitNext(1, 7);
    const limited = await post(s, [dhlShipment('PD-1-aaaaaaaa')]);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(s.shipments()).toHaveLength(0);

    s.misbehave.hangAfterCreateNext(1);
    await expect(
      fetch(`${s.url}/orders`, {
        method: 'POST',
        headers: dhlHeaders(),
        body: JSON.stringify({ profile: DHL_PROFILE, shipments: [dhlShipment('PD-1-aaaaaaaa')] }),
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow();
    expect(s.createdFor('PD-1-aaaaaaaa')).toBe(1);

    await s.misbehave.goAway();
    await expect(post(s, [dhlShipment('PD-2-bbbbbbbb')])).rejects.toThrow();
    await s.misbehave.comeBack();
    s.misbehave.latencyMs = 120;
    const started = Date.now();
    expect((await post(s, [dhlShipment('PD-2-bbbbbbbb')])).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });
});
