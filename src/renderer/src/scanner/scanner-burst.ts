/**
 * Tells a keyboard-wedge scanner from a person typing. A scanner "types" a whole code at a few
 * milliseconds per key and ends it with Enter; people average well over 100 ms between keys (60 ms
 * is 200 words a minute). So a run of printable keys closed by Enter is a scan when its keys came
 * at most MAX_AVERAGE_GAP_MS apart on average. The average, not each gap, decides: a busy machine
 * may deliver a key or two of a scan late, and a scan lost is worse than a typed word looked up.
 */
export const MAX_AVERAGE_GAP_MS = 60;
/** A pause this long ends any run: the keys before it were not part of the scan. */
export const MAX_GAP_MS = 400;
export const MIN_LENGTH = 3;

/** Keys that never break a burst: scanners press Shift for capitals. */
const MODIFIERS = new Set(['Shift', 'CapsLock', 'AltGraph']);

export class ScannerBurst {
  private chars = '';
  private firstAt = 0;
  private lastAt = Number.NEGATIVE_INFINITY;

  /** Feeds one keydown (its `key` and its timestamp in ms); answers the code when a scan ends. */
  key(key: string, at: number): string | null {
    if (MODIFIERS.has(key)) return null;
    if (at - this.lastAt > MAX_GAP_MS) this.chars = '';
    this.lastAt = at;
    if (key === 'Enter') {
      const code = this.chars;
      const fast = (at - this.firstAt) / Math.max(1, code.length) <= MAX_AVERAGE_GAP_MS;
      this.chars = '';
      return code.length >= MIN_LENGTH && fast ? code : null;
    }
    // Arrows, Tab, Backspace...: a person at work, never part of a code.
    if (key.length !== 1) {
      this.chars = '';
      return null;
    }
    if (this.chars === '') this.firstAt = at;
    this.chars += key;
    return null;
  }

  /** Whether keys are arriving as a scan right now (the Enter that closes it is the scanner's). */
  inBurst(at: number): boolean {
    const length = this.chars.length;
    return length > 0 && at - this.lastAt <= MAX_GAP_MS && (at - this.firstAt) / length <= MAX_AVERAGE_GAP_MS;
  }
}
