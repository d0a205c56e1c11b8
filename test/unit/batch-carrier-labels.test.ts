/**
 * A batch of DHL labels bought as PDF, against the DHL simulator over loopback with a real SQLite
 * file: the ZIP's labels.zpl gets each label fetched again from DHL as ZPL2 (nothing bought),
 * kept beside the original so a second ZIP asks DHL nothing and works with DHL gone; with DHL gone
 * before it was ever fetched the ZIP is still made and names the gap; and printing the batch on a
 * ZPL printer (a TCP listener standing in for a Zebra) sends ZPL holding every tracking number.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { startDhlSim, type DhlSim } from '../../sim/dhl/server';
import { startCore, type Core } from '../../src/main/core/core';
import type { CreateBatchResult, FileDownload, GenerateLabelsResult, PrintJobView } from '../../src/shared/dto';
import { DHL_KEY, DHL_PASSWORD, DHL_USER, FAST_DHL_HTTP, addDhlAccount, importGermanOrders } from '../support/dhl';
import { testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';
import { barcodeData } from '../support/zpl-decode';
import { startZplPrinter, type FakeZplPrinter } from '../support/zpl-printer';
import { call } from '../support/api-call';

const tempDir = useTempDir();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Station {
  core: Core;
  sim: DhlSim;
  dataDir: string;
  batchId: string;
  /** The batch's orders in pick order. */
  orders: { id: number; number: string; tracking: string }[];
}

/** `count` orders (three unless told) with DHL labels bought as PDF, in one batch. */
async function station(http = FAST_DHL_HTTP, count = 3): Promise<Station> {
  const sim = await startDhlSim({ apiKey: DHL_KEY, username: DHL_USER, password: DHL_PASSWORD });
  cleanups.push(() => sim.close());
  const dataDir = tempDir();
  const core = await startCore({ dataDir, secretBox: testBox, version: 'test', carrierHttp: { dhl: http } });
  cleanups.push(() => core.close());
  addDhlAccount(core.db, sim.url, { docFormat: 'PDF' });
  const ids = importGermanOrders(core.db, count);
  const bought = await call<GenerateLabelsResult>(core, 'labels.generate', { orderIds: ids, carrier: 'dhl' });
  expect(bought).toEqual({ success: ids, failed: [] });
  const shop = core.db.$client.prepare('SELECT credential_id AS id FROM orders WHERE id = ?').get(ids[0]) as {
    id: number;
  };
  const { batch_id: batchId } = await call<CreateBatchResult>(core, 'batches.create', { credentialId: shop.id });
  const orders = core.db.$client
    .prepare(
      `SELECT o.id, o.order_number AS number, o.tracking_number AS tracking
       FROM batch_orders b JOIN orders o ON o.id = b.order_id WHERE b.batch_id = ? ORDER BY b.position`,
    )
    .all(batchId) as Station['orders'];
  expect(orders).toHaveLength(count);
  return { core, sim, dataDir, batchId, orders };
}

async function download(s: Station): Promise<JSZip> {
  const file = await call<FileDownload>(s.core, 'batches.download', { batchId: s.batchId });
  return JSZip.loadAsync(file.bytes);
}

function pdfPages(dir: string, pdf: Uint8Array): string[] {
  const file = join(dir, 'labels-read.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((p) => p.trim() !== '');
}

const gets = (sim: DhlSim) => sim.requests.byMethod.GET ?? 0;

describe('a batch of DHL labels bought as PDF', () => {
  it('has every label in labels.zpl, fetched from DHL once and kept, and in labels.pdf', async () => {
    const s = await station();
    const zip = await download(s);
    const tracking = s.orders.map((o) => o.tracking);

    expect(barcodeData(await zip.file('labels.zpl')!.async('string'))).toEqual(tracking);
    const pages = pdfPages(s.dataDir, await zip.file('labels.pdf')!.async('uint8array'));
    expect(pages).toHaveLength(3);
    tracking.forEach((t, i) => expect(pages[i]).toContain(t));
    const manifest = (await zip.file('manifest.csv')!.async('string')).trim().split('\r\n').slice(1);
    expect(manifest.map((row) => row.endsWith(',labels.pdf labels.zpl'))).toEqual([true, true, true]);
    expect(zip.file('missing_labels.txt')).toBeNull();
    // One reprint per label, nothing bought.
    expect(gets(s.sim)).toBe(3);
    expect(s.sim.shipments()).toHaveLength(3);

    // Kept beside the original under labels/: the second ZIP asks DHL nothing, even with DHL gone.
    const kept = s.core.db.$client.prepare('SELECT other_file_path AS path FROM labels ORDER BY id').all() as {
      path: string;
    }[];
    for (const { path } of kept) expect(existsSync(path) && path.startsWith(join(s.dataDir, 'labels'))).toBe(true);
    const requests = s.sim.requests.total;
    await s.sim.misbehave.goAway();
    const again = await download(s);
    expect(barcodeData(await again.file('labels.zpl')!.async('string'))).toEqual(tracking);
    expect(again.file('missing_labels.txt')).toBeNull();
    expect(s.sim.requests.total).toBe(requests);
  });

  it('is still made with DHL gone, the gap named in the manifest and missing_labels.txt, and filled later', async () => {
    const s = await station();
    await s.sim.misbehave.goAway();
    const zip = await download(s);

    expect(pdfPages(s.dataDir, await zip.file('labels.pdf')!.async('uint8array'))).toHaveLength(3);
    expect(await zip.file('labels.zpl')!.async('string')).toBe('');
    const why = `DHL could not be reached at 127.0.0.1:${s.sim.port} (connection refused); check the internet connection and try again.`;
    const manifest = (await zip.file('manifest.csv')!.async('string')).trim().split('\r\n').slice(1);
    for (const row of manifest) expect(row.endsWith(`,labels.pdf only. Missing from labels.zpl: ${why}`)).toBe(true);
    const note = (await zip.file('missing_labels.txt')!.async('string')).split('\r\n');
    for (const o of s.orders) {
      expect(note).toContain(`labels.zpl lacks the label of order ${o.number} (DHL ${o.tracking}): ${why}`);
    }

    // DHL back: the next download fetches what was missing.
    await s.sim.misbehave.comeBack();
    const filled = await download(s);
    expect(barcodeData(await filled.file('labels.zpl')!.async('string'))).toEqual(s.orders.map((o) => o.tracking));
    expect(filled.file('missing_labels.txt')).toBeNull();
  });
  it('stops asking a DHL that does not answer once the labels already on their way give up, and names every gap', async () => {
    const s = await station({ ...FAST_DHL_HTTP, timeoutMs: 100 }, 12);
    const before = gets(s.sim);
    s.sim.misbehave.latencyMs = 1000;
    const zip = await download(s);

    // The four labels fetched at a time are each tried three times; the other eight are not asked for.
    expect(gets(s.sim) - before).toBe(4 * FAST_DHL_HTTP.maxAttempts);
    expect(await zip.file('labels.zpl')!.async('string')).toBe('');
    const note = (await zip.file('missing_labels.txt')!.async('string')).split('\r\n');
    for (const o of s.orders) {
      expect(note).toContain(
        `labels.zpl lacks the label of order ${o.number} (DHL ${o.tracking}): DHL did not answer within 100 ms.`,
      );
    }
  });
});

describe('printing a batch of DHL PDF labels on a ZPL printer', () => {
  /** A Zebra for labels and a PDF printer for the A4 slips, both TCP listeners on 127.0.0.1. */
  async function printers(s: Station): Promise<{ zebra: FakeZplPrinter; office: FakeZplPrinter }> {
    const zebra = await startZplPrinter();
    const office = await startZplPrinter();
    cleanups.push(
      () => zebra.switchOff(),
      () => office.switchOff(),
    );
    const add = (name: string, target: string, media: string, language: string) =>
      call(s.core, 'printers.add', { name, driver: 'tcp', target, media, language });
    await add('Zebra', zebra.target, '4x6', 'zpl');
    await add('Office', office.target, 'A4', 'pdf');
    return { zebra, office };
  }

  it('fetches them from DHL as ZPL and prints ZPL holding every tracking number in pick order', async () => {
    const s = await station();
    const { zebra } = await printers(s);
    const received = zebra.nextJob();
    const jobs = await call<PrintJobView[]>(s.core, 'batches.print', { batchId: s.batchId });
    expect(jobs.map((j) => [j.kind, j.printerName, j.format])).toEqual([
      ['label', 'Zebra', 'zpl'],
      ['packing_slip', 'Office', 'pdf'],
      ['pick_list', 'Office', 'pdf'],
    ]);
    expect(barcodeData(await received)).toEqual(s.orders.map((o) => o.tracking));
    expect(gets(s.sim)).toBe(3);
  });

  it('refuses in words with DHL gone, and queues nothing', async () => {
    const s = await station();
    await printers(s);
    await s.sim.misbehave.goAway();
    await expect(call(s.core, 'batches.print', { batchId: s.batchId })).rejects.toThrow(
      `Zebra prints ZPL, but the labels of 3 orders ${s.orders.map((o) => o.number).join(', ')} could not be had as ZPL: DHL could not be reached at 127.0.0.1:${s.sim.port} (connection refused); check the internet connection and try again. Nothing was printed: print the batch again when that is fixed, or make a PDF label printer the default under Printers.`,
    );
    expect(await call<PrintJobView[]>(s.core, 'print.jobs', {})).toEqual([]);
  });
});
