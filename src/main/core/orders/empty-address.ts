import type { Address } from '../../../shared/dto';

/** An address with every field blank: what a mapper starts from when the channel sent none. */
export function emptyAddress(email = ''): Address {
  return {
    name: '',
    company: '',
    line1: '',
    line2: '',
    city: '',
    state: '',
    postcode: '',
    country: '',
    phone: '',
    email,
  };
}
