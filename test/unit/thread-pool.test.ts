/**
 * The thread pool: the REST order list answered on worker threads, each with its own connection
 * to the real database file, exactly as the core's own thread answers it; a read sees every write
 * committed before it was asked; labels drawn there in both printer languages, with the fonts of
 * the packaged app's folder when it gives one; a thread that dies fails only its own tasks, in words.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { drawLabels } from '../../src/main/core/labels/label-drawing';
import { LABEL_HEIGHT, LABEL_WIDTH, type LabelDocument } from '../../src/main/core/labels/label-pdf';
import { TRAINING_SENDER } from '../../src/main/core/labels/sender';
import { importOrder } from '../../src/main/core/orders/order-import';
import { inThreadRunner } from '../../src/main/core/threads/in-thread';
import type { PoolWorkerData } from '../../src/main/core/threads/pool-protocol';
import { createThreadPool } from '../../src/main/core/threads/thread-pool';
import type { TaskRunner } from '../../src/main/core/threads/thread-tasks';
import { addShop, AT, makeOrder } from '../support/orders';
import { sourcePoolWorker } from '../support/pool-worker';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const opened: { db: Db; pool: TaskRunner }[] = [];
afterEach(async () => {
  for (const { db, pool } of opened.splice(0)) {
    await pool.close();
    closeDatabase(db);
  }
});

/** Two shops, 60 orders, three statuses; the pool is given its threads by `spawn`. */
function setup(spawn: (data: PoolWorkerData) => Worker = sourcePoolWorker, fontDirectory?: string) {
  const file = join(tempDir(), 'db.sqlite');
  const db = openDatabase(file);
  const shops = ['shop_a', 'shop_b'].map((s) => ({
    credentialId: addShop(db, s),
    channel: 'woocommerce',
    sellerId: s,
  }));
  db.$client.transaction(() => {
    for (let n = 1; n <= 60; n++) {
      const name = n % 4 === 0 ? '陈尧' : 'Jörg Müller';
      const order = makeOrder(n, { placedAt: new Date(Date.UTC(2026, 10, 1, 0, n)).toISOString() });
      importOrder(db, shops[n % 2]!, { ...order, shipping: { ...order.shipping, name } }, AT);
    }
    db.$client.exec("UPDATE orders SET status = 'on_hold' WHERE id % 3 = 0");
    db.$client.exec("UPDATE orders SET status = 'label_created', tracking_number = 'T' || id WHERE id % 5 = 0");
  })();
  const pool = createThreadPool({ data: { file, ...(fontDirectory ? { fontDirectory } : {}) }, spawn, size: 2 });
  opened.push({ db, pool });
  return { db, pool };
}

const text = (json: Uint8Array) => Buffer.from(json).toString();

const documents: LabelDocument[] = ['LP000000019DE', 'LP000000023DE'].map((trackingNumber) => ({
  carrierName: 'Local Delivery',
  service: 'standard',
  trackingNumber,
  orderNumber: 'WC-10234',
  sender: { ...TRAINING_SENDER },
  recipient: { ...TRAINING_SENDER, name: '陈尧 · Jürgen Müller', city: 'Łódź', country: 'PL' },
  items: [{ sku: 'TEE-BLK-M', name: 'Tee', quantity: 2, price: '19.90', attributes: [] }],
  weightGrams: 750,
  createdAt: new Date(2026, 10, 24, 12),
}));

/** The text poppler reads from a PDF: what a scanner or a person finds on the label. */
function pdfText(pdf: Uint8Array): string {
  const file = join(tempDir(), `label-${Math.random()}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

describe('the thread pool', () => {
  it('answers the REST order list on its threads exactly as the core thread does, many at once', async () => {
    const { db, pool } = setup();
    const here = inThreadRunner(db);
    const asks = [
      { offset: 0, limit: 50 },
      { statuses: ['new' as const], offset: 0, limit: 7 },
      { statuses: ['on_hold' as const, 'label_created' as const], offset: 5, limit: 10 },
      { channel: 'woocommerce', sellerId: 'shop_b', offset: 10, limit: 10 },
      { sellerId: 'nobody', offset: 0, limit: 10 },
      { statuses: ['new' as const], offset: 500, limit: 10 },
    ];
    // Twenty at once over two threads: each answer still belongs to its own ask.
    const many = [...asks, ...asks, ...asks].slice(0, 20);
    const answers = await Promise.all(many.map((ask) => pool.run('orders.find', ask)));
    for (const [i, ask] of many.entries()) {
      const expected = await here.run('orders.find', ask);
      expect(answers[i]!.total).toBe(expected.total);
      expect(text(answers[i]!.json)).toBe(text(expected.json));
    }
    const listed = JSON.parse(text(answers[0]!.json)) as { total: number; orders: unknown[] };
    expect(listed.total).toBe(60);
    expect(listed.orders).toHaveLength(50);
  });

  it('sees every write committed before a read was asked', async () => {
    const { db, pool } = setup();
    const before = await pool.run('orders.find', { statuses: ['new'], offset: 0, limit: 100 });
    db.$client.exec("UPDATE orders SET status = 'cancelled' WHERE id IN (1, 2)");
    const after = await pool.run('orders.find', { statuses: ['new'], offset: 0, limit: 100 });
    expect(after.total).toBe(before.total - 2);
    const ids = (JSON.parse(text(after.json)) as { orders: { internal_id: number }[] }).orders.map(
      (o) => o.internal_id,
    );
    expect(ids).not.toContain(1);
    expect(ids).not.toContain(2);
  });

  it('fails only the reads of a thread that dies, in words, and answers the next read on a new thread', async () => {
    let spawned = 0;
    const { pool } = setup((data) =>
      // The first thread dies before it answers anything; the ones after it work.
      spawned++ === 0 ? new Worker('process.exit(3)', { eval: true }) : sourcePoolWorker(data),
    );
    await expect(pool.run('orders.find', { offset: 0, limit: 5 })).rejects.toThrow(
      'The worker thread stopped (exit code 3); ask again.',
    );
    const next = await pool.run('orders.find', { offset: 0, limit: 5 });
    expect(next.total).toBe(60);
    expect(spawned).toBe(2);
  });

  it('refuses reads once closed, in words', async () => {
    const { pool } = setup();
    await pool.run('orders.find', { offset: 0, limit: 5 });
    await pool.close();
    await expect(pool.run('orders.find', { offset: 0, limit: 5 })).rejects.toThrow('PackDesk is closing');
  });

  it('draws labels on its threads as this thread does, as PDF and as ZPL', async () => {
    const { db, pool } = setup();
    const pdf = await pool.run('labels.draw', { documents, language: 'pdf' });
    const loaded = await PDFDocument.load(pdf);
    expect(loaded.getPageCount()).toBe(2);
    expect(loaded.getPage(1).getSize()).toEqual({ width: LABEL_WIDTH, height: LABEL_HEIGHT });
    const here = inThreadRunner(db);
    expect(pdfText(pdf)).toBe(pdfText(await here.run('labels.draw', { documents, language: 'pdf' })));
    expect(pdfText(pdf)).toContain('陈尧 · Jürgen Müller');
    const zpl = await pool.run('labels.draw', { documents, language: 'zpl' });
    expect(Buffer.from(zpl).toString()).toBe(Buffer.from(await drawLabels(documents, 'zpl')).toString());
  });

  it("draws with the fonts of the folder it is given, as the packaged app's threads do", async () => {
    const fonts = join(tempDir(), 'fonts');
    mkdirSync(fonts);
    const resolve = createRequire(import.meta.url).resolve;
    for (const font of [
      '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
      '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
      '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
      '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
    ]) {
      copyFileSync(resolve(font), join(fonts, font.split('/').at(-1)!));
    }
    const given = setup(sourcePoolWorker, fonts).pool;
    expect(pdfText(await given.run('labels.draw', { documents, language: 'pdf' }))).toContain('LP000000023DE');
    const empty = join(tempDir(), 'no-fonts');
    mkdirSync(empty);
    const none = setup(sourcePoolWorker, empty).pool;
    await expect(none.run('labels.draw', { documents, language: 'pdf' })).rejects.toThrow('NotoSans_400Regular.ttf');
  });
});
