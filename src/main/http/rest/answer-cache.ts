/**
 * Serialized answers of read-only endpoints, keyed by the request's URL and kept only while the
 * database's change stamp (core/db/change-stamp.ts) holds: exact, never stale. Fifty scripts or
 * screens polling the same list then cost a lookup and a socket write each, instead of parsing,
 * querying, mapping and JSON.stringify per request (the bench's p95 target needs that).
 */
export interface AnswerCache {
  /** The stored answer to `url`, and the stamp an answer computed now must be stored under. */
  lookup(url: string): { stamp: string; bytes: Buffer | undefined };
  /** Kept only if nothing was written while it was computed, so it is exactly `stamp`'s answer. */
  store(url: string, stamp: string, bytes: Buffer): void;
}

export function createAnswerCache(changeStamp: () => string, maxBytes: number): AnswerCache {
  let current = '';
  let answers = new Map<string, Buffer>();
  let size = 0;
  return {
    lookup(url) {
      const stamp = changeStamp();
      if (stamp !== current) {
        current = stamp;
        answers = new Map();
        size = 0;
      }
      return { stamp, bytes: answers.get(url) };
    },
    store(url, stamp, bytes) {
      if (bytes.length > maxBytes || changeStamp() !== stamp || stamp !== current || answers.has(url)) return;
      // Oldest first out: Maps iterate in insertion order.
      for (const [oldUrl, old] of answers) {
        if (size + bytes.length <= maxBytes) break;
        answers.delete(oldUrl);
        size -= old.length;
      }
      answers.set(url, bytes);
      size += bytes.length;
    },
  };
}
