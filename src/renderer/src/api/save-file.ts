import type { FileDownload } from '../../../shared/dto';

/**
 * Hands a file to the user as a download: a Blob behind an <a download>. The same code works in a
 * browser on `serve` and in Electron (which shows its save dialog). CSP allows blob: for this.
 */
export function saveFile(file: FileDownload): void {
  // A copy with its own ArrayBuffer: the bytes may be a view over a larger (or shared) buffer.
  const blob = new Blob([new Uint8Array(file.bytes)], { type: file.mimeType || 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked later, not at once: some browsers start reading the blob after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
