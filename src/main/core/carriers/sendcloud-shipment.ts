/**
 * A PackDesk shipment as Sendcloud's POST /shipments/announce body: the shipping option for the
 * service asked for, our idempotency key as `external_reference_id` (unique per account at
 * Sendcloud, and what we look a lost purchase up by), the order number, the label format the
 * printer wants, one parcel with its weight and items, and customs information for parcels that
 * leave the EU. The street line goes whole; the house number is added apart when it can be split off.
 */
import type { Address } from '../../../shared/dto';
import { splitStreet } from '../labels/street-split';
import type { Shipment } from './carrier-adapter';
import { EU_COUNTRIES } from './eu-countries';
import type { SendcloudAccount } from './sendcloud-http';

export const SENDCLOUD_MIME = { pdf: 'application/pdf', zpl: 'application/zpl' } as const;

/** A shipment Sendcloud cannot be asked for; the message says what to change. */
export class NotForSendcloud extends Error {}

export function sendcloudShipmentOf(s: Shipment, account: SendcloudAccount): Record<string, unknown> {
  const option = optionFor(s.service, account);
  const to = s.recipient.country.trim().toUpperCase();
  const pieces = Math.max(
    1,
    s.items.reduce((n, i) => n + i.quantity, 0),
  );
  const body: Record<string, unknown> = {
    label_details: { mime_type: SENDCLOUD_MIME[account.labelFormat], dpi: account.labelFormat === 'zpl' ? 203 : 72 },
    from_address: addressOf(s.sender),
    to_address: addressOf(s.recipient),
    ship_with: { type: 'shipping_option_code', properties: { shipping_option_code: option } },
    order_number: s.orderNumber,
    external_reference_id: s.idempotencyKey,
    parcels: [
      {
        weight: { value: (s.weightGrams / 1000).toFixed(3), unit: 'kg' },
        parcel_items: s.items.map((i) => ({
          description: (i.name || i.sku).trim().slice(0, 255),
          quantity: i.quantity,
          weight: { value: (s.weightGrams / pieces / 1000).toFixed(3), unit: 'kg' },
          price: { value: (Number(i.price) || 0).toFixed(2), currency: 'EUR' },
          ...(i.sku.trim() ? { sku: i.sku.trim() } : {}),
        })),
      },
    ],
  };
  if (!EU_COUNTRIES.has(to)) {
    body.customs_information = {
      invoice_number: s.orderNumber,
      export_reason: 'commercial_goods',
      export_type: 'private',
    };
  }
  return body;
}

/** `standard` is the account's default shipping option; any other code goes as it is. */
function optionFor(service: string, account: SendcloudAccount): string {
  if (service !== 'standard') return service;
  const first = account.shippingOptions[0];
  if (!first) {
    throw new NotForSendcloud(
      'The Sendcloud account has no shipping option; add one (like postnl:standard) in its settings.',
    );
  }
  return first;
}

function addressOf(a: Address): Record<string, string> {
  const country = a.country.trim().toUpperCase();
  const house = splitStreet(a.line1).house;
  const state = a.state.trim().toUpperCase();
  return {
    name: a.name.trim() || a.company.trim(),
    ...optional('company_name', a.company),
    address_line_1: a.line1.trim(),
    ...optional('address_line_2', a.line2),
    ...optional('house_number', house),
    postal_code: a.postcode.trim(),
    city: a.city.trim(),
    country_code: country,
    // ISO 3166-2 like US-NY; a state written out in words is left to the address lines.
    ...(/^[A-Z0-9]{1,3}$/.test(state) ? { state_province_code: `${country}-${state}` } : {}),
    ...optional('phone_number', a.phone),
    ...optional('email', a.email),
  };
}

function optional(key: string, value: string): Record<string, string> {
  return value.trim() === '' ? {} : { [key]: value.trim() };
}
