import { safeStorage } from 'electron';
import type { SecretBox } from '../core/secrets/secret-box';

/** Seals secrets with the OS keychain (Keychain, DPAPI, libsecret) through Electron's safeStorage. */
export function safeStorageBox(): SecretBox {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new Error('The system keychain is not available, so PackDesk cannot store shop passwords safely.');
  }
  return {
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
