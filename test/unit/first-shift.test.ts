/**
 * The thin slice through the core, as the UI drives it: training shop, pull, labels, batch, ZIP.
 * Real SQLite file, real HTTP to the WooCommerce simulator, real PDF read back with pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../src/main/core/core';
import { testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

async function start(dataDir = tempDir()) {
  const core = await startCore({ dataDir, secretBox: testBox, version: 'test' });
  cores.push(core);
  return core;
}

function pdfText(dir: string, pdf: Uint8Array): string {
  const file = join(dir, 'out.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

describe('a first shift through the core', () => {
  it('pulls the training shop once, flags broken orders in words, labels, batches and zips', async () => {
    const dataDir = tempDir();
    const { api } = await start(dataDir);
    expect(await api['app.info']({})).toMatchObject({ firstStart: true, sandboxRunning: false });

    const pulled = await api['sandbox.start']({});
    expect(pulled).toEqual({ pulled: 38, new_orders: 38, failed: 3 });
    expect(await api['app.info']({})).toMatchObject({ firstStart: false, sandboxRunning: true });
    expect(await api['orders.pull']({})).toEqual({ pulled: 0, new_orders: 0, failed: 0 });

    const counts = await api['orders.counts']({});
    expect(counts).toMatchObject({ all: 38, new: 35, exception: 3 });
    const broken = await api['orders.list']({ status: 'exception', offset: 0, limit: 50 });
    const messages = await Promise.all(
      broken.map(async (o) => (await api['orders.get']({ id: o.id })).errors[0]?.message),
    );
    expect(messages.sort()).toEqual(
      expect.arrayContaining([expect.stringMatching(/No shipping address/), expect.stringMatching(/postcode/)]),
    );

    const [chen] = await api['orders.list']({ search: '陈尧', offset: 0, limit: 50 });
    expect(chen?.recipientName).toBe('陈尧');
    const fresh = await api['orders.list']({ status: 'new', offset: 0, limit: 5 });
    const ids = [...new Set([chen!.id, ...fresh.map((o) => o.id)])];
    const result = await api['labels.generate']({ orderIds: ids, carrier: 'local' });
    expect(result).toEqual({ success: ids, failed: [] });

    const detail = await api['orders.get']({ id: chen!.id });
    expect(detail.status).toBe('label_created');
    expect(detail.trackingNumber).toMatch(/^LP\d{9}DE$/);
    expect(detail.logs.map((l) => l.toStatus)).toEqual(['new', 'waiting_labels', 'label_created']);
    expect(pdfText(dataDir, (await api['labels.file']({ orderId: chen!.id })).bytes)).toContain(detail.trackingNumber!);

    // A label is bought once: asking again is refused in words and changes nothing.
    const again = await api['labels.generate']({ orderIds: [chen!.id], carrier: 'local' });
    expect(again.failed).toEqual([
      { order_id: chen!.id, error: `Order ${chen!.orderNumber} already has a label; it cannot get a new label.` },
    ]);

    const credentialId = (await api['credentials.list']({}))[0]!.id;
    const batch = await api['batches.create']({ credentialId });
    expect(batch.batch_id).toMatch(/^BATCH_woocommerce_\d{8}_001$/);
    expect(batch.order_count).toBe(ids.length);
    await expect(api['batches.create']({ credentialId })).rejects.toThrow(
      /No orders of Training shop are ready for a batch/,
    );
    expect((await api['orders.get']({ id: chen!.id })).status).toBe('batched');
    const batchedAgain = await api['labels.generate']({ orderIds: [chen!.id], carrier: 'local' });
    expect(batchedAgain.failed[0]?.error).toBe(
      `Order ${chen!.orderNumber} is already batched; it cannot get a new label.`,
    );

    const zip = await JSZip.loadAsync((await api['batches.download']({ batchId: batch.batch_id })).bytes);
    expect(Object.keys(zip.files).sort()).toEqual([
      'labels.pdf',
      'labels.zpl',
      'manifest.csv',
      'packing_slips.pdf',
      'picklist.pdf',
    ]);
    const labelsText = pdfText(dataDir, await zip.file('labels.pdf')!.async('uint8array'));
    expect(labelsText).toContain(detail.trackingNumber!);
    expect(labelsText).toContain('陈尧');
    const manifest = await zip.file('manifest.csv')!.async('string');
    expect(manifest.charCodeAt(0)).toBe(0xfeff);
    expect(manifest).toContain(detail.trackingNumber!);
    expect(manifest.trim().split('\r\n')).toHaveLength(ids.length + 1);
  });

  it('refuses a label for an order without an address before any carrier is asked', async () => {
    const { api } = await start();
    await api['sandbox.start']({});
    const [broken] = await api['orders.list']({ status: 'exception', search: '', offset: 0, limit: 50 });
    const result = await api['labels.generate']({ orderIds: [broken!.id], carrier: 'local' });
    expect(result.success).toEqual([]);
    expect(result.failed[0]?.error).toMatch(/is flagged as an exception; it cannot get a new label/);
  });

  it('keeps everything across a restart and reconnects the training shop on a new port', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    await first.api['sandbox.start']({});
    const before = await first.api['orders.counts']({});
    await first.close();
    cores.splice(cores.indexOf(first), 1);

    const second = await start(dataDir);
    expect(await second.api['app.info']({})).toMatchObject({ firstStart: false, sandboxRunning: true });
    expect(await second.api['orders.counts']({})).toEqual(before);
    expect(await second.api['orders.pull']({})).toEqual({ pulled: 0, new_orders: 0, failed: 0 });
  });
});
