/**
 * The headless secret box as `serve` makes it: a key file of its own (0600) in the data directory,
 * or PACKDESK_SECRET_KEY; what it seals opens again after a restart, and a secret sealed with
 * another key is refused in words.
 */
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headlessSecretBox } from '../../src/main/core/secrets/secret-box';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const SECRET = 'cs_live_a1b2c3d4e5f60718293a4b5c6d7e8f90';
const WRONG_KEY =
  'A stored secret was saved with another secret key (PACKDESK_SECRET_KEY or secret.key); start PackDesk ' +
  'with the key it was saved with, or enter the credential again.';

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('the headless secret box with its key file', () => {
  it('makes secret.key readable by its owner only, and opens after a restart what it sealed', () => {
    const dir = tempDir();
    const sealed = headlessSecretBox(dir, {}).seal(SECRET);
    const file = join(dir, 'secret.key');
    expect(modeOf(file)).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8'), 'base64')).toHaveLength(32);
    expect(sealed).not.toContain(SECRET);
    const key = readFileSync(file, 'utf8');

    expect(headlessSecretBox(dir, {}).open(sealed)).toBe(SECRET);
    expect(readFileSync(file, 'utf8')).toBe(key);
  });

  it('takes its file back to 0600 when someone opened it up', () => {
    const dir = tempDir();
    const sealed = headlessSecretBox(dir, {}).seal(SECRET);
    chmodSync(join(dir, 'secret.key'), 0o644);
    expect(headlessSecretBox(dir, {}).open(sealed)).toBe(SECRET);
    expect(modeOf(join(dir, 'secret.key'))).toBe(0o600);
  });

  it('refuses in words a secret sealed with another key file, and a file that is no key', () => {
    const sealed = headlessSecretBox(tempDir(), {}).seal(SECRET);
    expect(() => headlessSecretBox(tempDir(), {}).open(sealed)).toThrow(WRONG_KEY);

    const broken = tempDir();
    writeFileSync(join(broken, 'secret.key'), 'not a key', { mode: 0o600 });
    expect(() => headlessSecretBox(broken, {})).toThrow(
      `${join(broken, 'secret.key')} is not a PackDesk secret key (it should hold 32 random bytes in base64)`,
    );
  });
});

describe('the headless secret box with PACKDESK_SECRET_KEY', () => {
  it('seals with the passphrase, writes no key file, and opens with the same passphrase only', () => {
    const dir = tempDir();
    const env = { PACKDESK_SECRET_KEY: 'correct horse battery staple' };
    const sealed = headlessSecretBox(dir, env).seal(SECRET);
    expect(existsSync(join(dir, 'secret.key'))).toBe(false);
    expect(headlessSecretBox(tempDir(), env).open(sealed)).toBe(SECRET);

    expect(() => headlessSecretBox(dir, { PACKDESK_SECRET_KEY: 'correct horse battery stapler' }).open(sealed)).toThrow(
      WRONG_KEY,
    );
    // Without the passphrase the key file is used, which did not seal it.
    expect(() => headlessSecretBox(dir, {}).open(sealed)).toThrow(WRONG_KEY);
  });

  it('says an unreadable stored secret is unreadable', () => {
    expect(() => headlessSecretBox(tempDir(), {}).open('plain text')).toThrow(
      'A stored secret is unreadable; enter the credential again.',
    );
  });
});
