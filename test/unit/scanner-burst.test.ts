import { describe, expect, it } from 'vitest';
import { MAX_AVERAGE_GAP_MS, MAX_GAP_MS, ScannerBurst } from '../../src/renderer/src/scanner/scanner-burst';

/** Feeds keys `gap` ms apart from `start`; answers every code the burst detector gave. */
function feed(burst: ScannerBurst, keys: string[], gap: number, start = 1000): string[] {
  const codes: string[] = [];
  keys.forEach((key, i) => {
    const code = burst.key(key, start + i * gap);
    if (code !== null) codes.push(code);
  });
  return codes;
}

const keysOf = (text: string) => [...text, 'Enter'];

describe('telling a scanner from typing', () => {
  it('takes fast keys closed by Enter as one scan, capitals with Shift included', () => {
    expect(feed(new ScannerBurst(), keysOf('TEE-BLK-M'), 8)).toEqual(['TEE-BLK-M']);
    expect(feed(new ScannerBurst(), ['Shift', 'P', 'Shift', 'D', '0', '0', '1', 'Enter'], 4)).toEqual(['PD001']);
  });

  it('ignores the same keys typed at a person’s pace, and a lone Enter', () => {
    expect(feed(new ScannerBurst(), keysOf('TEE-BLK-M'), 140)).toEqual([]);
    expect(feed(new ScannerBurst(), keysOf('TEE-BLK-M'), 500)).toEqual([]);
    expect(feed(new ScannerBurst(), ['Enter'], 5)).toEqual([]);
  });

  it('starts over after a pause, so typing before a scan does not leak into it', () => {
    const burst = new ScannerBurst();
    expect(feed(burst, ['x', 'y'], 200)).toEqual([]);
    expect(feed(burst, keysOf('MUG-1'), 5, 5000)).toEqual(['MUG-1']);
    // A scan whose Enter comes late is a person pressing Enter: not a scan.
    expect(feed(burst, ['A', 'B', 'C'], 5, 9000)).toEqual([]);
    expect(burst.key('Enter', 9010 + MAX_GAP_MS + 1)).toBeNull();
  });

  it('keeps a scan whose one key a busy machine delivered late, but not a fast typist', () => {
    const burst = new ScannerBurst();
    const keys = keysOf('HOOD-GRY-XL');
    const times = keys.map((_, i) => 1000 + i * 4 + (i > 5 ? 300 : 0));
    expect(keys.map((k, i) => burst.key(k, times[i]!)).filter(Boolean)).toEqual(['HOOD-GRY-XL']);
    expect(feed(new ScannerBurst(), keysOf('HOOD-GRY-XL'), MAX_AVERAGE_GAP_MS * 2.5)).toEqual([]);
  });

  it('drops a burst broken by a non-printing key, and codes too short to be one', () => {
    expect(feed(new ScannerBurst(), ['A', 'B', 'Backspace', 'C', 'Enter'], 5)).toEqual([]);
    expect(feed(new ScannerBurst(), keysOf('AB'), 5)).toEqual([]);
  });
});
