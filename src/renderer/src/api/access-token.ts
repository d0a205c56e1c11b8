/**
 * Headless mode's access token. `npm run serve` prints a URL with `#token=...`; we take it from the
 * address bar on first load, keep it for this tab only (sessionStorage) and remove it from the
 * address bar so it is not left on screen, in history or in a bookmark.
 */
const STORAGE_KEY = 'packdesk.token';

function readTokenFromHash(): string | null {
  const hash = window.location.hash.replace(/^#/, '');
  if (!hash) return null;
  const token = new URLSearchParams(hash).get('token');
  return token && token.trim() ? token.trim() : null;
}

export function captureAccessToken(): void {
  const fromHash = readTokenFromHash();
  if (fromHash === null) return;
  try {
    window.sessionStorage.setItem(STORAGE_KEY, fromHash);
  } catch {
    memoryToken = fromHash;
  }
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
}

/** Used only when sessionStorage is unavailable (some locked-down browsers). */
let memoryToken: string | null = null;

export function accessToken(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY) ?? memoryToken;
  } catch {
    return memoryToken;
  }
}

export function setAccessToken(token: string): void {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    memoryToken = token;
  }
}
