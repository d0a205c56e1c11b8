/**
 * Which carrier and service an order's label is bought with. Strongest first: the run's own pick
 * (the packer chose one in the bulk bar), the order's own choice, its shop's default, PackDesk's
 * (local delivery). Choices are checked against the carriers' offers when stored, and read back
 * leniently: a stored pair this version does not know counts as not set.
 */
import {
  APP_LABEL_CHOICE,
  CARRIER_OFFERS,
  type CarrierList,
  type LabelChoice,
  type ResolvedLabelChoice,
} from '../../../shared/carriers';
import { AppError } from '../../../shared/errors';
import { CARRIER_CODES } from '../../../shared/statuses';
import type { Db } from '../db/open';

/** A stored carrier and service, or null when either is missing or unknown. */
export function storedChoice(carrier: string | null, service: string | null): LabelChoice | null {
  const code = CARRIER_CODES.find((c) => c === carrier);
  if (!code || !service) return null;
  // Sendcloud's services are its account's shipping options, not a list this version knows.
  const known = CARRIER_OFFERS[code].services;
  return known.length === 0 || known.some((s) => s.code === service) ? { carrier: code, service } : null;
}

/**
 * The choice as given, its service defaulting to the carrier's own; a service the carrier does not
 * sell is refused in words. `offered` is carriers.list: a Sendcloud account's own shipping options.
 */
export function checkedChoice(
  offered: CarrierList,
  carrier: LabelChoice['carrier'],
  service: string | undefined,
): LabelChoice {
  const offer = offered.carriers.find((c) => c.code === carrier) ?? CARRIER_OFFERS[carrier];
  if (offer.services.length === 0) {
    throw new AppError('bad_request', `${offer.name} is not set up on this workstation; add its account first.`);
  }
  const code = service ?? offer.defaultService;
  if (!offer.services.some((s) => s.code === code)) {
    throw new AppError(
      'bad_request',
      `${offer.name} has no service ${code}; choose one of ${offer.services.map((s) => s.code).join(', ')}.`,
    );
  }
  return { carrier, service: code };
}

interface ChoiceRecord {
  id: number;
  carrier_override: string | null;
  service_override: string | null;
  default_carrier: string | null;
  default_service: string | null;
}

const CHOICE_SELECT = `SELECT o.id, o.carrier_override, o.service_override, c.default_carrier, c.default_service
  FROM orders o JOIN credentials c ON c.id = o.credential_id WHERE o.id = ?`;

function resolve(r: ChoiceRecord | undefined): ResolvedLabelChoice {
  const own = r ? storedChoice(r.carrier_override, r.service_override) : null;
  if (own) return { ...own, source: 'order' };
  const channel = r ? storedChoice(r.default_carrier, r.default_service) : null;
  if (channel) return { ...channel, source: 'channel' };
  return { ...APP_LABEL_CHOICE, source: 'app' };
}

/** Each order's choice when the run names none (an unknown order gets the app's; buying it fails in words later). */
export function resolveChoices(db: Db, orderIds: readonly number[]): Map<number, ResolvedLabelChoice> {
  const one = db.$client.prepare(CHOICE_SELECT);
  return new Map(orderIds.map((id) => [id, resolve(one.get(id) as ChoiceRecord | undefined)]));
}

export function orderLabelChoice(db: Db, orderId: number): ResolvedLabelChoice {
  return resolve(db.$client.prepare(CHOICE_SELECT).get(orderId) as ChoiceRecord | undefined);
}

/** The order's own choice; null clears it, so its shop's default applies again. */
export function setOrderChoice(db: Db, orderId: number, choice: LabelChoice | null, at: string): void {
  const changed = db.$client
    .prepare('UPDATE orders SET carrier_override = ?, service_override = ?, updated_at = ? WHERE id = ?')
    .run(choice?.carrier ?? null, choice?.service ?? null, at, orderId).changes;
  if (changed === 0) throw new AppError('not_found', `Order ${orderId} does not exist.`);
}

/** A shop's default; null clears it, so PackDesk's own applies. Carrier accounts have none. */
export function setChannelDefault(db: Db, credentialId: number, choice: LabelChoice | null, at: string): void {
  const changed = db.$client
    .prepare(
      "UPDATE credentials SET default_carrier = ?, default_service = ?, updated_at = ? WHERE id = ? AND type = 'order_channel'",
    )
    .run(choice?.carrier ?? null, choice?.service ?? null, at, credentialId).changes;
  if (changed === 0) throw new AppError('not_found', `There is no shop with id ${credentialId}.`);
}
