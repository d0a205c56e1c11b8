/** Where PackDesk keeps its database, labels and key: PACKDESK_DATA_DIR, else the caller's default. */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function resolveDataDir(
  fallback: string = join(homedir(), '.packdesk'),
  env: NodeJS.ProcessEnv = process.env,
): string {
  const dir = resolve(env.PACKDESK_DATA_DIR || fallback);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export const DATABASE_FILE = 'packdesk.sqlite';
