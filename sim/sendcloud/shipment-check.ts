/**
 * What the simulated Sendcloud refuses in a shipment request, as the real one words it: a required
 * field missing ("This field is required.") or a recipient postcode the test told it to reject,
 * each with the JSON pointer of the field.
 */
import type { ScError, ScShipmentRequest } from './types';

const REQUIRED = ['name', 'address_line_1', 'postal_code', 'city', 'country_code'] as const;

export function checkShipment(s: ScShipmentRequest, rejected: { postcodes: ReadonlySet<string> }): ScError[] {
  const errors: ScError[] = [];
  const required = (pointer: string) =>
    errors.push({ status: '400', code: 'required', detail: 'This field is required.', source: { pointer } });
  for (const side of ['from_address', 'to_address'] as const) {
    const address = s[side];
    if (!address) required(`/${side}`);
    else for (const field of REQUIRED) if (!address[field]) required(`/${side}/${field}`);
  }
  if (!s.ship_with?.properties?.shipping_option_code) required('/ship_with/properties/shipping_option_code');
  if (!Array.isArray(s.parcels) || s.parcels.length === 0) required('/parcels');
  const postcode = s.to_address?.postal_code ?? '';
  if (rejected.postcodes.has(postcode)) {
    errors.push({
      status: '400',
      code: 'invalid',
      detail: `Postal code ${postcode} is not valid for country ${s.to_address?.country_code ?? ''}.`,
      source: { pointer: '/to_address/postal_code' },
    });
  }
  return errors;
}
