/**
 * JSON for the HTTP RPC transport. IPC carries Uint8Array natively (structured clone); JSON
 * cannot, so bytes travel as `{ "$bytes": base64 }` and come back as Uint8Array.
 */
const BYTES = '$bytes';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? { [BYTES]: toBase64(v) } : v));
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const bytes = (v as Record<string, unknown>)[BYTES];
      if (typeof bytes === 'string' && Object.keys(v).length === 1) return fromBase64(bytes);
    }
    return v;
  });
}
