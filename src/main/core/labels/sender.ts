/** The return address printed on every label; the shift lead sets it once (settings key `sender_address`). */
import type { Address } from '../../../shared/dto';
import type { Db } from '../db/open';
import { getSetting } from '../settings';

export const TRAINING_SENDER: Address = {
  name: 'PackDesk Training Warehouse',
  company: 'PackDesk',
  line1: 'Lagerstraße 1',
  line2: '',
  city: 'Berlin',
  state: '',
  postcode: '10115',
  country: 'DE',
  phone: '+49 30 1234567',
  email: 'warehouse@example.com',
};

export function senderAddress(db: Db): Address {
  const stored = getSetting(db, 'sender_address');
  return stored ? (JSON.parse(stored) as Address) : TRAINING_SENDER;
}
