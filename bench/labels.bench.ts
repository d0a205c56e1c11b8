/**
 * Issue 4 targets for the local carrier: 500 labels as ZPL in <= 0.3 s, and as one merged PDF in
 * <= 3 s. Every label has its own name and address (Chinese, German, Polish) so nothing is
 * rendered once and reused but what a real run would reuse too: glyphs and fonts. Beside them, the
 * whole purchase path for 500 local labels (a SQLite file, the write-ahead rows, each label fsynced
 * to the data directory), so the drawing figures are not mistaken for what a run costs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalCarrier } from '../src/main/core/carriers/local';
import { DATABASE_FILE } from '../src/main/core/data-dir';
import { closeDatabase, openDatabase } from '../src/main/core/db/open';
import { generateLabels } from '../src/main/core/labels/label-service';
import { headlessSecretBox } from '../src/main/core/secrets/secret-box';
import { nextCounter } from '../src/main/core/settings';
import { seedOrders } from './seed-orders';
import { localTrackingNumber } from '../src/main/core/carriers/local-tracking';
import { renderLabelsPdf, type LabelDocument } from '../src/main/core/labels/label-pdf';
import { renderLabelsZpl } from '../src/main/core/labels/label-zpl';
import { report } from './stats';

const LABELS = 500;
const GIVEN = ['陈', '王', '李', 'Jürgen', 'Zofia', 'Ana', 'Łukasz', 'Søren'];
const FAMILY = ['尧', '小明', '芳', 'Müller', 'Wójcik', 'García', 'Nowak', 'Ødegård'];
const STREETS = ['Müllerstraße', 'ul. Piotrkowska', 'Rue de l’Église', '人民路', 'Calle Mayor', 'Straße des 17. Juni'];
const CITIES = ['München', 'Łódź', 'Besançon', '上海市', 'Sevilla', 'Berlin'];

function documents(): LabelDocument[] {
  return Array.from({ length: LABELS }, (_, i) => ({
    carrierName: 'Local Delivery',
    service: 'standard',
    trackingNumber: localTrackingNumber(i + 1, 'DE'),
    orderNumber: `WC-${10_000 + i}`,
    sender: {
      name: 'PackDesk Warehouse',
      company: 'PackDesk',
      line1: 'Lagerstraße 1',
      line2: '',
      city: 'Berlin',
      state: '',
      postcode: '10115',
      country: 'DE',
      phone: '',
      email: '',
    },
    recipient: {
      name: `${GIVEN[i % GIVEN.length]} ${FAMILY[(i * 7) % FAMILY.length]}`,
      company: i % 3 === 0 ? 'Müller & Söhne GmbH' : '',
      line1: `${STREETS[i % STREETS.length]} ${(i % 180) + 1}`,
      line2: i % 4 === 0 ? `Whg. ${i % 40}` : '',
      city: CITIES[(i * 5) % CITIES.length]!,
      state: '',
      postcode: String(10_000 + ((i * 37) % 89_999)),
      country: ['DE', 'PL', 'FR', 'CN', 'ES'][i % 5]!,
      phone: `+49 30 ${1_000_000 + i}`,
      email: '',
    },
    items: [{ sku: `SKU-${i % 50}`, name: 'Item', quantity: 1 + (i % 3), price: '9.90', attributes: [] }],
    weightGrams: 250 * (1 + (i % 3)),
    createdAt: new Date(),
  }));
}

async function main(): Promise<void> {
  const docs = documents();
  // Fonts are read and parsed once per process, before the first label; that start is not a run.
  let started = performance.now();
  renderLabelsZpl(docs.slice(0, 1));
  await renderLabelsPdf(docs.slice(0, 1));
  console.log(`info  font load and first label: ${(performance.now() - started).toFixed(0)} ms (once per process)`);

  started = performance.now();
  const cpu = process.cpuUsage();
  const zpl = renderLabelsZpl(docs);
  const zplMs = performance.now() - started;
  const zplCpu = process.cpuUsage(cpu);
  // On a machine shared with other work the wall time includes waiting for a core; CPU time does not.
  console.log(
    `info  ${LABELS} ZPL labels: ${(zpl.length / 1024 / 1024).toFixed(1)} MB, ${((zplCpu.user + zplCpu.system) / 1000).toFixed(0)} ms of CPU`,
  );
  const results = [report(`${LABELS} local labels as ZPL`, zplMs / 1000, 0.3, 's')];

  started = performance.now();
  const pdfCpuStart = process.cpuUsage();
  const pdf = await renderLabelsPdf(docs);
  const pdfMs = performance.now() - started;
  const pdfCpu = process.cpuUsage(pdfCpuStart);
  console.log(
    `info  ${LABELS} labels as one PDF: ${(pdf.length / 1024 / 1024).toFixed(1)} MB, ${((pdfCpu.user + pdfCpu.system) / 1000).toFixed(0)} ms of CPU`,
  );
  results.push(report(`${LABELS} local labels as one merged PDF`, pdfMs / 1000, 3, 's'));
  await purchasePath();
  // The peak over the run (maxRSS is in kilobytes), not what is left once the garbage is collected.
  results.push(report('peak memory (RSS)', process.resourceUsage().maxRSS / 1024, 500, 'MB'));
  if (results.includes(false)) process.exitCode = 1;
}

/** Informational: what generating 500 local labels costs from the queue, files and rows included. */
async function purchasePath(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'packdesk-bench-local-'));
  try {
    const db = openDatabase(join(dataDir, DATABASE_FILE));
    seedOrders(db, headlessSecretBox(dataDir), LABELS);
    db.$client.prepare("UPDATE orders SET status = 'new', tracking_number = NULL").run();
    const ids = (db.$client.prepare('SELECT id FROM orders ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    const carriers = { local: createLocalCarrier({ nextSerial: () => nextCounter(db, 'local_tracking_serial') }) };
    const started = performance.now();
    const result = await generateLabels({ db, clock: () => new Date(), dataDir, carriers }, ids, 'local');
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `info  ${result.success.length} local labels bought through the label service (rows, PDFs fsynced): ${seconds.toFixed(1)} s`,
    );
    closeDatabase(db);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
