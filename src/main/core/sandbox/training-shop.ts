/**
 * Training mode: a WooCommerce shop simulator running inside PackDesk, connected as an ordinary
 * channel, so a newcomer sees the whole flow on first start and a packer can practise without
 * touching real orders. Its orders are generated from a fixed seed, so they are the same after a
 * restart; the shop gets a fresh loopback port each time and the credential follows it.
 */
import { startWooSim, type WooSim } from '../../../../sim/woocommerce/server';
import {
  SANDBOX_CONSUMER_KEY,
  SANDBOX_CONSUMER_SECRET,
  sampleWooOrders,
} from '../../../../sim/woocommerce/sample-orders';
import { iso, type Clock } from '../clock';
import { addCredential, listCredentials, setCredentialBaseUrl } from '../credentials/credential-repo';
import type { Db } from '../db/open';
import type { SecretBox } from '../secrets/secret-box';
import { getSetting, setSetting } from '../settings';

export const TRAINING_SHOP_ID = 'training-shop';

export interface TrainingShop {
  credentialId: number;
  close(): Promise<void>;
}

/** The shop's orders are dated from its first start, so a restart a day later finds them unchanged. */
async function startShop(db: Db, clock: Clock, controlToken: string | undefined): Promise<WooSim> {
  let openedAt = getSetting(db, 'training_shop_opened_at');
  if (!openedAt) {
    openedAt = iso(clock());
    setSetting(db, 'training_shop_opened_at', openedAt);
  }
  return startWooSim({
    port: 0,
    consumerKey: SANDBOX_CONSUMER_KEY,
    consumerSecret: SANDBOX_CONSUMER_SECRET,
    orders: sampleWooOrders({ now: new Date(openedAt) }),
    ...(controlToken ? { controlToken } : {}),
  });
}

/** Starts the training shop and connects it as a channel (core.ts makes sure this runs once). */
export async function startTrainingShop(
  db: Db,
  box: SecretBox,
  clock: Clock,
  controlToken?: string,
): Promise<TrainingShop> {
  const sim = await startShop(db, clock, controlToken);
  const at = iso(clock());
  const existing = listCredentials(db).find((c) => c.isSandbox && c.externalId === TRAINING_SHOP_ID);
  let credentialId: number;
  if (existing) {
    credentialId = existing.id;
    setCredentialBaseUrl(db, credentialId, sim.url, at);
  } else {
    credentialId = addCredential(
      db,
      box,
      {
        type: 'order_channel',
        providerCode: 'woocommerce',
        externalId: TRAINING_SHOP_ID,
        displayName: 'Training shop',
        baseUrl: sim.url,
        settings: {},
        secrets: { apiKey: SANDBOX_CONSUMER_KEY, apiSecret: SANDBOX_CONSUMER_SECRET },
        isSandbox: true,
      },
      at,
    );
  }
  return { credentialId, close: () => sim.close() };
}

export function hasTrainingShop(db: Db): boolean {
  return listCredentials(db).some((c) => c.isSandbox && c.externalId === TRAINING_SHOP_ID);
}
