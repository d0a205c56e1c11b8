/** DHL test fixtures: sim credentials and shipments as PackDesk's adapter would send them. */
import type { DhlShipmentRequest } from '../../sim/dhl/types';

export const DHL_KEY = 'sim-api-key';
export const DHL_USER = 'user-valid';
export const DHL_PASSWORD = 'SandboxPasswort2023!';
export const DHL_PROFILE = 'STANDARD_GRUPPENPROFIL';
export const DHL_BILLING = '33333333330102';

export function dhlHeaders(key = DHL_KEY, user = DHL_USER, password = DHL_PASSWORD): Record<string, string> {
  return {
    'dhl-api-key': key,
    Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
    'Content-Type': 'application/json',
  };
}

export function dhlShipment(
  refNo: string,
  consignee: Partial<NonNullable<DhlShipmentRequest['consignee']>> = {},
): DhlShipmentRequest {
  return {
    product: 'V01PAK',
    billingNumber: DHL_BILLING,
    refNo,
    shipDate: '2026-11-25',
    shipper: {
      name1: 'PackDesk Lager',
      addressStreet: 'Lagerstraße',
      addressHouse: '1',
      postalCode: '10115',
      city: 'Berlin',
      country: 'DEU',
    },
    consignee: {
      name1: 'Jürgen Müller',
      addressStreet: 'Müllerstraße',
      addressHouse: '12',
      postalCode: '80331',
      city: 'München',
      country: 'DEU',
      ...consignee,
    },
    details: { weight: { uom: 'g', value: 500 } },
  };
}
