/** The Automation API setting: the REST API (and the app over HTTP) served from the desktop app. */

export const AUTOMATION_DEFAULT_PORT = 4780;
export const LOOPBACK_HOST = '127.0.0.1';

export interface AutomationSettings {
  enabled: boolean;
  port: number;
  /** 127.0.0.1 unless the shift lead names another address on purpose. */
  host: string;
}

/** Where the server stands now, as the control that starts it reports it. */
export interface AutomationState {
  running: boolean;
  url: string | null;
  /** Why it is not running although switched on, in words. */
  error: string | null;
}

/**
 * `app`: the desktop app serves it when switched on. `serve`: headless mode, always on (the
 * setting does not apply). `none`: nothing here can serve it (a core without a shell).
 */
export type AutomationManager = 'app' | 'serve' | 'none';

export interface AutomationView extends AutomationSettings, AutomationState {
  managedBy: AutomationManager;
}

export interface AutomationToken {
  token: string;
}

export const isLoopbackHost = (host: string): boolean => host === '127.0.0.1' || host === '::1' || host === 'localhost';
