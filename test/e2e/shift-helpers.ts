/**
 * What the shift specs do the same way: screenshots, reading PDFs back, taking the training shop
 * down and up, typed scans, and direct RPC calls for what a test needs to know.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, type Served } from './serve-fixture';

export const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/${name}.png` });

export const orderRow = (page: Page, number: string) =>
  page.locator(`[data-testid="order-row"][data-order-number="${number}"]`);

/** The text of a PDF as pdftotext reads it, pages split by form feeds. */
export function pdfText(bytes: Uint8Array, layout = false): string {
  const file = join(mkdtempSync(join(tmpdir(), 'packdesk-pdf-')), 'read.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
  });
}

/** Takes the training shop down or up; answers the calls it has counted by method and path. */
export async function trainingShop(served: Served, down: '503' | null): Promise<Record<string, number>> {
  const creds = (await served.rpc('credentials.list', {})).body as { value: { baseUrl: string }[] };
  const res = await fetch(`${creds.value[0]!.baseUrl}/__sim/control`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sim-control-token': served.token },
    body: JSON.stringify({ down }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { calls: Record<string, number> }).calls;
}

/** A keyboard-wedge scan: the code typed a few ms per key, then Enter, into whatever has focus. */
export async function scan(page: Page, feedback: Locator, code: string): Promise<void> {
  const before = await feedback.getAttribute('data-seq');
  await page.keyboard.type(`${code}\n`, { delay: 5 });
  await expect(feedback).not.toHaveAttribute('data-seq', before ?? '');
}

export async function rpc<T>(served: Served, name: string, arg: unknown): Promise<T> {
  const { body } = (await served.rpc(name, arg)) as { body: { ok: boolean; value: T } };
  expect(body.ok).toBe(true);
  return body.value;
}

/** The Code 128 on a packing slip (core/packing/slip-code.ts). */
export const slipCode = (orderId: number) => `PD${String(orderId).padStart(6, '0')}`;
