/**
 * Credential secrets are sealed before they reach the database and opened only in main, for the
 * adapter that needs them. The desktop app seals with Electron's safeStorage (OS keychain);
 * headless mode with AES-256-GCM and a key from PACKDESK_SECRET_KEY or a 0600 key file.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';

export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

const VERSION = 'v1';

export function aesGcmSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('The secret key must be 32 bytes');
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(
        ':',
      );
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split(':');
      if (version !== VERSION || !iv || !tag || body === undefined) {
        throw new AppError('internal', 'A stored secret is unreadable; enter the credential again.');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        // GCM's own words ("unable to authenticate data") tell a packer nothing; this is what it means.
        throw new AppError(
          'internal',
          'A stored secret was saved with another secret key (PACKDESK_SECRET_KEY or secret.key); start PackDesk ' +
            'with the key it was saved with, or enter the credential again.',
        );
      }
    },
  };
}

/** Headless key: PACKDESK_SECRET_KEY (any passphrase, hashed to 32 bytes) or `secret.key` (0600) in the data dir. */
export function headlessSecretBox(dataDir: string, env: NodeJS.ProcessEnv = process.env): SecretBox {
  const phrase = env.PACKDESK_SECRET_KEY;
  if (phrase) return aesGcmSecretBox(createHash('sha256').update(phrase, 'utf8').digest());
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) {
    throw new Error(
      `${file} is not a PackDesk secret key (it should hold 32 random bytes in base64); put the saved one back, ` +
        'or move it away and enter the credentials again.',
    );
  }
  return aesGcmSecretBox(key);
}
