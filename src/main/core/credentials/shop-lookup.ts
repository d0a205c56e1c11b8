/** Seed 000 names a shop by channel and seller_id (its external id), not by our credential id. */
import type { CredentialView } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { listCredentials } from './credential-repo';

/** The shops of a channel, or the one store of it; a name that matches nothing is refused in words. */
export function findShops(db: Db, channel: string, sellerId?: string): CredentialView[] {
  const shops = listCredentials(db).filter(
    (c) =>
      c.type === 'order_channel' && c.providerCode === channel && (sellerId === undefined || c.externalId === sellerId),
  );
  if (shops.length === 0) {
    throw new AppError(
      'not_found',
      sellerId === undefined
        ? `No ${channel} shop is connected. Add it under credentials first.`
        : `No ${channel} shop with seller_id ${sellerId} is connected. GET /api/credentials lists the shops.`,
    );
  }
  return shops;
}

export function findShop(db: Db, channel: string, sellerId?: string): CredentialView {
  const shops = findShops(db, channel, sellerId);
  const [only] = shops;
  if (shops.length > 1 || !only) {
    throw new AppError(
      'bad_request',
      `Several ${channel} shops are connected (${shops.map((s) => s.externalId).join(', ')}); name one with seller_id.`,
    );
  }
  return only;
}
