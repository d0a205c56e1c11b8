/**
 * The carriers offered right now: local always, DHL and Sendcloud only while an active account of
 * theirs is stored. Each adapter is made afresh from the credential on each use, so an account
 * added or changed while PackDesk runs is used at once; what must be shared by all of them (Sendcloud's
 * write limiter) is made once here.
 */
import type { Db } from '../db/open';
import type { SecretBox } from '../secrets/secret-box';
import type { CarrierAdapter } from './carrier-adapter';
import { createDhlCarrier } from './dhl';
import { dhlAccountOf } from './dhl-account';
import { DEFAULT_DHL_HTTP } from './dhl-http';
import type { HttpRetryOptions } from '../channels/provider-http';
import { createSendcloudCarrier, SENDCLOUD_WRITE_LIMITS } from './sendcloud';
import { sendcloudAccountOf } from './sendcloud-account';
import { DEFAULT_SENDCLOUD_HTTP } from './sendcloud-http';
import { createWriteLimiter, type RateLimit } from './write-limiter';

export type Carriers = Readonly<Partial<Record<string, CarrierAdapter>>>;

export function carrierRegistry(
  db: Db,
  box: SecretBox,
  local: CarrierAdapter,
  dhlHttp: HttpRetryOptions = DEFAULT_DHL_HTTP,
  sendcloudHttp: HttpRetryOptions = DEFAULT_SENDCLOUD_HTTP,
  sendcloudWriteLimits: readonly RateLimit[] = SENDCLOUD_WRITE_LIMITS,
): Carriers {
  const sendcloudWrites = createWriteLimiter(sendcloudWriteLimits);
  return {
    local,
    get dhl(): CarrierAdapter | undefined {
      const account = dhlAccountOf(db, box);
      return account ? createDhlCarrier(account, dhlHttp) : undefined;
    },
    get sendcloud(): CarrierAdapter | undefined {
      const account = sendcloudAccountOf(db, box);
      return account ? createSendcloudCarrier(account, sendcloudHttp, sendcloudWrites) : undefined;
    },
  };
}
