import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * Checks a presented Bearer token against the current one in constant time (hashing first evens
 * out the lengths). `current` is read on every request, so a rotated token counts at once, on the
 * running server; its hash is remade only when it changes.
 */
export function tokenCheck(current: () => string): (header: string | undefined) => boolean {
  let expected: string | null = null;
  let expectedHash: Buffer = Buffer.alloc(0);
  return (header) => {
    const token = current();
    if (token !== expected) {
      expected = token;
      expectedHash = sha256(token);
    }
    // The scheme name is case-insensitive (RFC 7235): "bearer x" is as good as "Bearer x".
    const presented = /^bearer (.*)$/is.exec(header ?? '')?.[1] ?? '';
    return timingSafeEqual(expectedHash, sha256(presented)) && presented.length > 0;
  };
}
