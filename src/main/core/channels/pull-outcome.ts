/**
 * What every pull writes on its account when it ends, orders and purchase orders alike: the counts,
 * the reasons of the first orders it had to leave out and, on failure, the error in words beside
 * them; only a complete pull moves the incremental cursor, so the next one asks for changes since
 * this one began.
 */
import type { LastPull, PullResult } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import { iso, type Clock } from '../clock';
import { markPulled, recordLastPull } from '../credentials/credential-repo';
import type { Db } from '../db/open';

/** Enough reasons to see what is wrong, few enough for a card. */
const KEPT_REASONS = 5;

export type LeftOut = LastPull['leftOut'];

export const noneLeftOut = (): LeftOut => ({ count: 0, reasons: [] });

/** An order the shop sent that could not be kept: counted, and its reason kept while there is room. */
export function noteLeftOut(leftOut: LeftOut, reason: string): void {
  leftOut.count++;
  if (leftOut.reasons.length < KEPT_REASONS) leftOut.reasons.push(reason);
}

export async function recordPull(
  deps: { db: Db; clock: Clock },
  credentialId: number,
  startedAt: string,
  tally: { result: PullResult; leftOut: LeftOut },
  walk: () => Promise<void>,
): Promise<PullResult> {
  const { db, clock } = deps;
  const { result, leftOut } = tally;
  try {
    await walk();
  } catch (error) {
    const message = error instanceof AppError ? error.message : 'The pull stopped on an error inside PackDesk.';
    recordLastPull(db, credentialId, { at: iso(clock()), result, error: message, leftOut });
    throw error;
  }
  markPulled(db, credentialId, startedAt, iso(clock()));
  recordLastPull(db, credentialId, { at: iso(clock()), result, error: null, leftOut });
  return result;
}
