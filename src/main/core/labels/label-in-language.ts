/**
 * A bought label in the printer language asked for: the one way printing a label, printing a batch
 * and the batch ZIP get it. The stored file when it is in that language; our own carrier's label
 * drawn again from the order (same tracking number and day); a carrier's label fetched again from
 * the carrier's reprint in that language (nothing is bought) and kept beside the original under
 * labels/, with the database pointing at it, so it is fetched at most once and then works offline.
 */
import { AppError } from '../../../shared/errors';
import type { PrinterLanguage } from '../../../shared/printing';
import type { CarrierGates } from '../carriers/carrier-gate';
import type { Carriers } from '../carriers/registry';
import type { Db } from '../db/open';
import { orderItems, shippingOf, type ShippingRecord } from '../orders/order-detail';
import { drawLabels, type LabelDrawer } from './label-drawing';
import { localLabelDocument, type LocalLabelFacts } from './local-label';
import { saveLabelFile } from './label-store';
import { senderAddress } from './sender';

export interface LabelLanguageDeps {
  db: Db;
  dataDir: string;
  /** The carriers offered now: one that can `reprint` gives a bought label again in the other language. */
  carriers?: Carriers;
  /** Shared with the label runs, so fetching labels again stays within each carrier's concurrency limit. */
  gates?: CarrierGates;
  /** Where our own carrier's labels are drawn again; this thread unless given. */
  draw?: LabelDrawer;
}

/** A bought label as the database keeps it, with what our own carrier needs to draw it again. */
export interface BoughtLabel extends LocalLabelFacts {
  labelId: number;
  orderId: number;
  carrier: string;
  format: PrinterLanguage;
  filePath: string;
  /** The same label in the other language, once fetched from the carrier (migration 010). */
  otherFilePath: string | null;
}

/** A file on disk (the label kept under labels/), or our own label drawn just now. */
export type LabelInLanguage = { file: string } | { drawn: Uint8Array };

export async function labelIn(
  deps: LabelLanguageDeps,
  label: BoughtLabel,
  language: PrinterLanguage,
): Promise<LabelInLanguage> {
  if (label.format === language) return { file: label.filePath };
  if (label.carrier === 'local')
    return { drawn: await (deps.draw ?? drawLabels)([localLabelDocument(label)], language) };
  if (label.otherFilePath !== null) return { file: label.otherFilePath };
  const carrier = deps.carriers?.[label.carrier];
  const name = label.carrier.toUpperCase();
  if (!carrier?.reprint) {
    throw new AppError(
      'bad_request',
      `${name} sent this label as ${label.format.toUpperCase()}, and no ${name} account is set up here to fetch it as ${language.toUpperCase()}: set the account up again under Channels → Carriers, or use a ${label.format.toUpperCase()} printer.`,
    );
  }
  const reprint = () => carrier.reprint!(label.trackingNumber, language);
  const again = await (deps.gates ? deps.gates.run(carrier.code, carrier.maxConcurrentRequests, reprint) : reprint());
  const file = await saveLabelFile(deps.dataDir, label.orderId, again);
  // Only while the label is still the order's bought one: a label voided meanwhile keeps no copy.
  deps.db.$client
    .prepare("UPDATE labels SET other_file_path = ? WHERE id = ? AND state = 'bought'")
    .run(file, label.labelId);
  return { file };
}

/** Whether `labelIn` asks the carrier: the label is neither kept in that language nor ours to draw. */
export function needsCarrier(label: BoughtLabel, language: PrinterLanguage): boolean {
  return label.format !== language && label.carrier !== 'local' && label.otherFilePath === null;
}

interface BoughtLabelRecord extends ShippingRecord {
  label_id: number;
  order_id: number;
  order_number: string;
  item_count: number;
  carrier: string;
  service: string;
  tracking_number: string;
  format: PrinterLanguage;
  file_path: string;
  other_file_path: string | null;
  created_at: string;
}

/** The order's bought label, or undefined when it has none (yet, or any more). */
export function boughtLabelOf(db: Db, orderId: number): BoughtLabel | undefined {
  const r = db.$client
    .prepare(
      `SELECT o.*, o.id AS order_id, l.id AS label_id, l.carrier, l.service, l.tracking_number, l.format, l.file_path,
              l.other_file_path, l.created_at
       FROM labels l JOIN orders o ON o.id = l.order_id WHERE l.order_id = ? AND l.state = 'bought'`,
    )
    .get(orderId) as BoughtLabelRecord | undefined;
  if (!r) return undefined;
  return {
    labelId: r.label_id,
    orderId: r.order_id,
    orderNumber: r.order_number,
    carrier: r.carrier,
    service: r.service,
    trackingNumber: r.tracking_number,
    format: r.format,
    filePath: r.file_path,
    otherFilePath: r.other_file_path,
    createdAt: r.created_at,
    sender: senderAddress(db),
    recipient: shippingOf(r),
    items: orderItems(db, orderId),
    itemCount: r.item_count,
  };
}
