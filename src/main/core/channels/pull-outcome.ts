/**
 * What every pull writes on its account when it ends, orders and purchase orders alike: the counts
 * and, on failure, the error in words beside them; only a complete pull moves the incremental
 * cursor, so the next one asks for changes since this one began.
 */
import type { PullResult } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import { iso, type Clock } from '../clock';
import { markPulled, recordLastPull } from '../credentials/credential-repo';
import type { Db } from '../db/open';

export async function recordPull(
  deps: { db: Db; clock: Clock },
  credentialId: number,
  startedAt: string,
  result: PullResult,
  walk: () => Promise<void>,
): Promise<PullResult> {
  const { db, clock } = deps;
  try {
    await walk();
  } catch (error) {
    const message = error instanceof AppError ? error.message : 'The pull stopped on an error inside PackDesk.';
    recordLastPull(db, credentialId, { at: iso(clock()), result, error: message });
    throw error;
  }
  markPulled(db, credentialId, startedAt, iso(clock()));
  recordLastPull(db, credentialId, { at: iso(clock()), result, error: null });
  return result;
}
