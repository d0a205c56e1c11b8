/** Timing helpers for benchmarks: run a function many times and report percentiles in ms. */
export function measure(runs: number, fn: (i: number) => void): { p50: number; p95: number; max: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn(i);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: times[times.length - 1]! };
}

export function report(name: string, value: number, target: number, unit = 'ms'): boolean {
  const ok = value <= target;
  console.log(`${ok ? 'PASS' : 'MISS'}  ${name}: ${value.toFixed(1)} ${unit} (target <= ${target} ${unit})`);
  return ok;
}
