/**
 * carriers.list: what the bulk bar may offer now, read from the registry so the two never disagree.
 * A carrier whose services are its account's own (Sendcloud's shipping options) offers those, the
 * account's first as the default.
 */
import { CARRIER_OFFERS, type CarrierList, type CarrierOffer } from '../../../shared/carriers';
import { CARRIER_CODES } from '../../../shared/statuses';
import type { Carriers } from './registry';

export function listCarriers(carriers: Carriers): CarrierList {
  return {
    carriers: CARRIER_CODES.flatMap((code): CarrierOffer[] => {
      const adapter = carriers[code];
      if (!adapter) return [];
      const offer = CARRIER_OFFERS[code];
      const own = adapter.services;
      if (!own || own.length === 0) return [offer];
      return [{ ...offer, services: [...own], defaultService: own[0]!.code }];
    }),
    defaultCarrier: 'local',
  };
}
