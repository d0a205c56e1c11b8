/**
 * A PackDesk shipment as DHL's `shipments[]` entry: the product for the service asked for, the
 * idempotency key as refNo, countries in alpha-3, street and house number apart, and a customs
 * declaration for parcels that leave the EU.
 */
import type { Address } from '../../../shared/dto';
import { splitStreet } from '../labels/street-split';
import type { Shipment } from './carrier-adapter';
import { alpha3 } from './country-alpha3';
import { EU_COUNTRIES } from './eu-countries';

export const DHL_PRODUCTS = ['V01PAK', 'V53WPAK', 'V54EPAK', 'V62KP', 'V66WPI'] as const;

/** A shipment DHL cannot be asked for; the message says what to change. */
export class NotForDhl extends Error {}

export function dhlShipmentOf(s: Shipment, billingNumber: string, shipDate: string): Record<string, unknown> {
  const to = s.recipient.country.trim().toUpperCase();
  const product = productFor(s.service, to);
  const consigneeStreet = splitStreet(s.recipient.line1);
  const shipperStreet = splitStreet(s.sender.line1);
  const shipment: Record<string, unknown> = {
    product,
    billingNumber,
    refNo: s.idempotencyKey,
    shipDate,
    shipper: {
      name1: cut(s.sender.company.trim() || s.sender.name),
      addressStreet: shipperStreet.street,
      addressHouse: shipperStreet.house,
      postalCode: s.sender.postcode.trim(),
      city: s.sender.city.trim(),
      country: countryOf(s.sender, 'sender'),
      ...optional('email', s.sender.email),
    },
    consignee: {
      name1: cut(s.recipient.name),
      ...optional('name2', cut(s.recipient.company)),
      addressStreet: consigneeStreet.street,
      ...optional('addressHouse', consigneeStreet.house),
      ...optional('additionalAddressInformation1', cut(s.recipient.line2)),
      postalCode: s.recipient.postcode.trim(),
      city: s.recipient.city.trim(),
      ...optional('state', s.recipient.state),
      country: countryOf(s.recipient, 'recipient'),
      ...optional('email', s.recipient.email),
      ...optional('phone', s.recipient.phone),
    },
    details: { weight: { uom: 'g', value: s.weightGrams } },
  };
  if (!EU_COUNTRIES.has(to)) {
    const grams = Math.max(
      1,
      Math.floor(
        s.weightGrams /
          Math.max(
            1,
            s.items.reduce((n, i) => n + i.quantity, 0),
          ),
      ),
    );
    shipment.customs = {
      exportType: 'COMMERCIAL_GOODS',
      items: s.items.map((i) => ({
        itemDescription: cut(i.name || i.sku),
        packagedQuantity: i.quantity,
        itemValue: { currency: 'EUR', value: Number(i.price) || 0 },
        itemWeight: { uom: 'g', value: grams },
      })),
    };
  }
  return shipment;
}

/** `standard` is DHL Paket at home and Weltpaket abroad; a DHL product code is taken as it is. */
function productFor(service: string, to: string): string {
  if (service === 'standard') return to === 'DE' ? 'V01PAK' : 'V53WPAK';
  if (DHL_PRODUCTS.some((p) => p === service)) return service;
  throw new NotForDhl(`DHL has no service "${service}"; choose standard or one of ${DHL_PRODUCTS.join(', ')}.`);
}

function countryOf(a: Address, who: string): string {
  const code = alpha3(a.country);
  if (!code) throw new NotForDhl(`PackDesk does not know the ${who}'s country "${a.country}" for DHL.`);
  return code;
}

/** DHL takes at most 50 characters per name or address line. */
function cut(text: string): string {
  const t = text.trim();
  return t.length > 50 ? t.slice(0, 50) : t;
}

function optional(key: string, value: string): Record<string, string> {
  return value.trim() === '' ? {} : { [key]: value.trim() };
}
