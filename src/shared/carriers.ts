/**
 * The carriers and services the bulk bar offers (carriers.list). Local is always there; DHL and
 * Sendcloud only while an active account is stored. Service codes are what labels.generate takes.
 * Sendcloud's services are the shipping options of the account (its carrier contracts), so they
 * come from the account, not from this table.
 */
import type { CarrierCode } from './statuses';

/** A service code: `standard`, DHL's V01PAK, or a Sendcloud shipping option such as dhl_express:worldwide/incoterm=dap. */
export const SERVICE_CODE_PATTERN = /^[A-Za-z0-9_:/=.-]{1,120}$/;

export interface CarrierService {
  code: string;
  name: string;
}

export interface CarrierOffer {
  code: CarrierCode;
  name: string;
  services: CarrierService[];
  defaultService: string;
}

export interface CarrierList {
  carriers: CarrierOffer[];
  /** Local: it works offline and costs nothing, so a slip of the hand buys no label. */
  defaultCarrier: CarrierCode;
}

export const CARRIER_OFFERS: Readonly<Record<CarrierCode, CarrierOffer>> = {
  local: {
    code: 'local',
    name: 'Local delivery',
    services: [{ code: 'standard', name: 'Standard' }],
    defaultService: 'standard',
  },
  dhl: {
    code: 'dhl',
    name: 'DHL',
    services: [
      { code: 'V01PAK', name: 'DHL Paket' },
      { code: 'V53WPAK', name: 'DHL Paket International (Weltpaket)' },
      { code: 'V54EPAK', name: 'DHL Europaket' },
      { code: 'V62KP', name: 'DHL Kleinpaket' },
      { code: 'V66WPI', name: 'Warenpost International' },
    ],
    defaultService: 'V01PAK',
  },
  sendcloud: {
    code: 'sendcloud',
    name: 'Sendcloud',
    services: [],
    defaultService: 'standard',
  },
};

/** A carrier and one of its services: what a label is bought with. */
export interface LabelChoice {
  carrier: CarrierCode;
  service: string;
}

/**
 * Where the choice for an order came from, strongest first: the run's own pick, the order's, its
 * shop's default, PackDesk's (local delivery).
 */
export type LabelChoiceSource = 'run' | 'order' | 'channel' | 'app';

export interface ResolvedLabelChoice extends LabelChoice {
  source: LabelChoiceSource;
}

/** PackDesk's own default: it works offline and costs nothing. */
export const APP_LABEL_CHOICE: LabelChoice = { carrier: 'local', service: 'standard' };

/** "DHL Paket" for dhl/V01PAK; a service the offer does not list reads as its code. */
export function serviceName(choice: LabelChoice): string {
  const offer = CARRIER_OFFERS[choice.carrier];
  const service = offer.services.find((s) => s.code === choice.service);
  if (!service) return `${offer.name} ${choice.service}`;
  return choice.service === 'standard' ? offer.name : service.name;
}
