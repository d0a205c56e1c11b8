/**
 * Listens to the whole window for scanner bursts, so the packer never clicks into a field first.
 * Keys typed into a real input (the packer's name, the code box) are left to that input.
 */
import { useEffect, useRef } from 'react';
import { ScannerBurst } from './scanner-burst';

function typingIntoField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

export function useScanner(onScan: (code: string) => void): void {
  const handler = useRef(onScan);
  handler.current = onScan;
  useEffect(() => {
    const burst = new ScannerBurst();
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (typingIntoField(document.activeElement)) return;
      const scanning = burst.inBurst(event.timeStamp);
      const code = burst.key(event.key, event.timeStamp);
      // The scanner's Enter must not also press whatever button has focus.
      if (code !== null || (scanning && event.key === 'Enter')) event.preventDefault();
      if (code !== null) handler.current(code);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
