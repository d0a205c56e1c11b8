/** carriers.list: what the bulk bar may offer now, read from the registry so the two never disagree. */
import { CARRIER_OFFERS, type CarrierList } from '../../../shared/carriers';
import { CARRIER_CODES } from '../../../shared/statuses';
import type { Carriers } from './registry';

export function listCarriers(carriers: Carriers): CarrierList {
  return {
    carriers: CARRIER_CODES.filter((code) => carriers[code] !== undefined).map((code) => CARRIER_OFFERS[code]),
    defaultCarrier: 'local',
  };
}
