/**
 * The REST API names an order by the channel's order id, as seed 000 shows it ("123456"). Two
 * shops can both have an order 123456; then the caller must say which, with PackDesk's own id
 * ("id:42"), and the refusal lists the candidates in that form.
 */
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/open';

const INTERNAL = /^id:(\d{1,15})$/;

export function resolveOrderRef(db: Db, ref: string): number {
  const sqlite = db.$client;
  const internal = INTERNAL.exec(ref);
  if (internal) {
    const id = Number(internal[1]);
    if (sqlite.prepare('SELECT 1 FROM orders WHERE id = ?').get(id)) return id;
    throw new AppError('not_found', `There is no order with PackDesk id ${id}.`);
  }
  // Probes the (credential_id, external_id) index once per shop instead of scanning every order.
  const matches = sqlite
    .prepare(
      `SELECT o.id, o.channel, o.seller_id FROM credentials c
       JOIN orders o ON o.credential_id = c.id AND o.external_id = ? ORDER BY o.id`,
    )
    .all(ref) as { id: number; channel: string; seller_id: string }[];
  const [only] = matches;
  if (matches.length === 1 && only) return only.id;
  if (matches.length === 0) {
    throw new AppError('not_found', `There is no order ${ref} in any connected shop. Pull the shop's orders first.`);
  }
  const candidates = matches.map((m) => `id:${m.id} (${m.channel} ${m.seller_id})`).join(', ');
  throw new AppError(
    'conflict',
    `Several shops have an order ${ref}: ${candidates}. Name the one you mean by its id.`,
    {
      candidates: matches.map((m) => ({ id: `id:${m.id}`, channel: m.channel, seller_id: m.seller_id })),
    },
  );
}
