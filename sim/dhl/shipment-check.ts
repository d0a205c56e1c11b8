/**
 * What the simulated DHL checks in one shipment before it buys it, with DHL's validationMessages
 * (property path, message, state). It is stricter than a form check on purpose, as DHL is: German
 * consignees need a 5-digit postcode and a house number, domestic products go to Germany only,
 * parcels leaving the EU need a customs declaration.
 */
import {
  DHL_PRODUCTS,
  type DhlAddress,
  type DhlProduct,
  type DhlShipmentRequest,
  type DhlValidationMessage,
} from './types';

/** EU member states (ISO alpha-3): no customs declaration needed from Germany. */
const EU = new Set([
  'AUT',
  'BEL',
  'BGR',
  'HRV',
  'CYP',
  'CZE',
  'DNK',
  'EST',
  'FIN',
  'FRA',
  'DEU',
  'GRC',
  'HUN',
  'IRL',
  'ITA',
  'LVA',
  'LTU',
  'LUX',
  'MLT',
  'NLD',
  'POL',
  'PRT',
  'ROU',
  'SVK',
  'SVN',
  'ESP',
  'SWE',
]);
const DOMESTIC: readonly DhlProduct[] = ['V01PAK', 'V62KP'];
const MAX_KG = 31.5;

export interface Rejections {
  postcodes: ReadonlySet<string>;
  streets: ReadonlySet<string>;
}

export function checkShipment(s: DhlShipmentRequest, index: number, reject: Rejections): DhlValidationMessage[] {
  const at = (p: string) => `shipments[${index}].${p}`;
  const errors: DhlValidationMessage[] = [];
  const error = (property: string, validationMessage: string) =>
    errors.push({ property: at(property), validationMessage, validationState: 'Error' });

  const product = DHL_PRODUCTS.find((p) => p === s.product);
  if (!product) error('product', `The product "${s.product ?? ''}" is not one of ${DHL_PRODUCTS.join(', ')}.`);
  if (!/^\d{14}$/.test(s.billingNumber ?? '')) error('billingNumber', 'The billing number must have 14 digits.');
  if (s.refNo !== undefined && (s.refNo.length < 8 || s.refNo.length > 35)) {
    error('refNo', 'The reference number must be between 8 and 35 characters long.');
  }
  if (s.shipDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(s.shipDate)) {
    error('shipDate', 'The ship date must be given as YYYY-MM-DD.');
  }
  checkAddress(s.shipper, 'shipper', error);
  checkAddress(s.consignee, 'consignee', error);

  const to = s.consignee?.country;
  if (to === 'DEU' && s.consignee) {
    if (!/^\d{5}$/.test(s.consignee.postalCode ?? '')) {
      error('consignee.postalCode', 'A postal code in Germany has 5 digits.');
    }
    if (!s.consignee.addressHouse?.trim()) error('consignee.addressHouse', 'The house number is missing.');
  }
  if (product && to) {
    if (DOMESTIC.includes(product) && to !== 'DEU') {
      error('product', `The product ${product} can only be shipped within Germany.`);
    }
    if (!DOMESTIC.includes(product) && to === 'DEU') {
      error('product', `The product ${product} is for shipments leaving Germany; use V01PAK.`);
    }
    if (!EU.has(to) && !DOMESTIC.includes(product) && !(s.customs?.items && s.customs.items.length > 0)) {
      error('customs', `Shipments to ${to} leave the EU and need a customs declaration with its items.`);
    }
  }
  const weight = s.details?.weight;
  const kg = weight?.uom === 'kg' ? (weight.value ?? 0) : weight?.uom === 'g' ? (weight.value ?? 0) / 1000 : NaN;
  if (!(kg > 0)) error('details.weight', 'The weight must be a positive number in g or kg.');
  else if (kg > MAX_KG) error('details.weight', `A parcel may weigh at most ${MAX_KG} kg.`);

  if (s.consignee?.postalCode !== undefined && reject.postcodes.has(s.consignee.postalCode)) {
    error('consignee.postalCode', 'The postal code could not be found for this city. Please check the address.');
  }
  if (s.consignee?.addressStreet !== undefined && reject.streets.has(s.consignee.addressStreet)) {
    error('consignee.addressStreet', 'The street could not be found at this postal code. Please check the address.');
  }
  return errors;
}

function checkAddress(
  a: DhlAddress | undefined,
  who: 'shipper' | 'consignee',
  error: (property: string, message: string) => void,
): void {
  if (!a) {
    error(who, `The ${who} is missing.`);
    return;
  }
  if (!a.name1?.trim()) error(`${who}.name1`, 'The name is missing.');
  if ((a.name1 ?? '').length > 50) error(`${who}.name1`, 'The name may have at most 50 characters.');
  if (!a.addressStreet?.trim()) error(`${who}.addressStreet`, 'The street is missing.');
  if (!a.city?.trim()) error(`${who}.city`, 'The city is missing.');
  if (!/^[A-Z]{3}$/.test(a.country ?? '')) error(`${who}.country`, 'The country must be an ISO 3166-1 alpha-3 code.');
}
