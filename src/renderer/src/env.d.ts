import type { Bridge } from '../../shared/bridge';

declare global {
  interface Window {
    /** Present only inside the Electron app (src/preload); absent in a browser on `serve`. */
    packdesk?: Bridge;
  }
}

export {};
