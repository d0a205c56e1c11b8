/**
 * Where the cups-pdf queue `PDF` leaves what it printed, for tests that print through a real CUPS:
 * the printed PDF appears on disk, named after the job's title.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `Out` of /etc/cups/cups-pdf.conf, ${HOME} being the submitting user's. */
export function cupsPdfDirs(): string[] {
  const conf = existsSync('/etc/cups/cups-pdf.conf') ? execFileSync('cat', ['/etc/cups/cups-pdf.conf']).toString() : '';
  const out = /^Out\s+(.+)$/m.exec(conf)?.[1]?.replace('${HOME}', homedir()) ?? join(homedir(), 'PDF');
  return [out, '/var/spool/cups-pdf/ANONYMOUS'];
}

/** cups-pdf writes while Ghostscript renders: a PDF is whole once it ends with %%EOF. */
function complete(file: string): boolean {
  return readFileSync(file).subarray(-32).toString('latin1').includes('%%EOF');
}

/** The first whole PDF whose name holds `part`, written at or after `newerThan` (ms). */
export async function waitForFile(dirs: string[], part: string, newerThan: number): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    for (const dir of dirs) {
      if (!existsSync(dir)) continue;
      const hit = readdirSync(dir).find((f) => f.includes(part) && statSync(join(dir, f)).mtimeMs >= newerThan);
      if (hit && complete(join(dir, hit))) return join(dir, hit);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No PDF with "${part}" appeared in ${dirs.join(' or ')}`);
}
