/**
 * The Automation API setting ({enabled, port, host} in the settings table) and its token, sealed
 * with the SecretBox like credentials' secrets. The token is made once, on first need, and only
 * changes when the shift lead asks for a new one. It is never logged.
 */
import { randomBytes } from 'node:crypto';
import {
  AUTOMATION_DEFAULT_PORT,
  LOOPBACK_HOST,
  type AutomationSettings,
  type AutomationState,
  type AutomationView,
} from '../../../shared/automation';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/open';
import type { SecretBox } from '../secrets/secret-box';
import { getSetting, setSetting } from '../settings';

const SETTINGS_KEY = 'automation';
const TOKEN_KEY = 'automation_token';

/** What the shell gives the core to start and stop the server; core never imports http. */
export interface AutomationControl {
  managedBy: 'app' | 'serve';
  apply(settings: AutomationSettings & { token: string }): Promise<AutomationState>;
  state(): AutomationState;
}

export const DEFAULT_AUTOMATION: AutomationSettings = {
  enabled: false,
  port: AUTOMATION_DEFAULT_PORT,
  host: LOOPBACK_HOST,
};

export function readAutomationSettings(db: Db): AutomationSettings {
  const text = getSetting(db, SETTINGS_KEY);
  if (text === null) return { ...DEFAULT_AUTOMATION };
  try {
    const stored = JSON.parse(text) as Partial<AutomationSettings>;
    return {
      enabled: stored.enabled === true,
      port: typeof stored.port === 'number' ? stored.port : DEFAULT_AUTOMATION.port,
      host: typeof stored.host === 'string' && stored.host ? stored.host : DEFAULT_AUTOMATION.host,
    };
  } catch {
    // An unreadable setting falls back to off on loopback: the safe side.
    return { ...DEFAULT_AUTOMATION };
  }
}

export function saveAutomationSettings(db: Db, settings: AutomationSettings): void {
  setSetting(db, SETTINGS_KEY, JSON.stringify({ enabled: settings.enabled, port: settings.port, host: settings.host }));
}

const newToken = (): string => randomBytes(24).toString('base64url');

/** The stored token, made (and sealed) the first time anyone needs it. */
export function automationToken(db: Db, box: SecretBox): string {
  const sealed = getSetting(db, TOKEN_KEY);
  if (sealed !== null) {
    try {
      return box.open(sealed);
    } catch {
      throw new AppError(
        'internal',
        'The stored Automation API token cannot be read on this computer. Make a new token in Settings.',
      );
    }
  }
  return rotateAutomationToken(db, box);
}

export function rotateAutomationToken(db: Db, box: SecretBox): string {
  const token = newToken();
  setSetting(db, TOKEN_KEY, box.seal(token));
  return token;
}

export interface AutomationDeps {
  db: Db;
  box: SecretBox;
  control: AutomationControl | undefined;
}

export function automationView(deps: AutomationDeps): AutomationView {
  const settings = readAutomationSettings(deps.db);
  if (!deps.control) return { ...settings, managedBy: 'none', running: false, url: null, error: null };
  if (deps.control.managedBy === 'serve') {
    // `serve` is always on, where it was started; the stored setting is the desktop app's.
    const state = deps.control.state();
    const at = state.url ? new URL(state.url) : null;
    return {
      enabled: true,
      port: at ? Number(at.port) : settings.port,
      host: at ? at.hostname.replace(/^\[|\]$/g, '') : settings.host,
      managedBy: 'serve',
      ...state,
    };
  }
  return { ...settings, managedBy: deps.control.managedBy, ...deps.control.state() };
}

function requireAppControl(deps: AutomationDeps): AutomationControl {
  if (deps.control?.managedBy === 'serve') {
    throw new AppError(
      'conflict',
      'PackDesk runs as `npm run serve` here: the REST API is always on, with the token from PACKDESK_API_TOKEN. This setting applies to the desktop app.',
    );
  }
  if (!deps.control) throw new AppError('conflict', 'Only the desktop app can serve the Automation API.');
  return deps.control;
}

/** Stores the setting and brings the server to match it; a port in use comes back as `error`. */
export async function setAutomation(deps: AutomationDeps, settings: AutomationSettings): Promise<AutomationView> {
  const control = requireAppControl(deps);
  saveAutomationSettings(deps.db, settings);
  const token = settings.enabled ? automationToken(deps.db, deps.box) : '';
  const state = await control.apply({ ...settings, token });
  return { ...settings, managedBy: control.managedBy, ...state };
}

/** At the app's start: serve if the shift lead left it switched on. */
export async function applyStoredAutomation(deps: AutomationDeps): Promise<AutomationView> {
  const settings = readAutomationSettings(deps.db);
  if (!deps.control || deps.control.managedBy !== 'app' || !settings.enabled) return automationView(deps);
  try {
    return await setAutomation(deps, settings);
  } catch (error) {
    // An unreadable token must not keep the app from starting; Settings offers a new one.
    return { ...automationView(deps), error: error instanceof Error ? error.message : String(error) };
  }
}

export function showAutomationToken(deps: AutomationDeps): string {
  requireAppControl(deps);
  return automationToken(deps.db, deps.box);
}

/** A new token; a running server takes it at once, so the old one stops working now. */
export async function rotateToken(deps: AutomationDeps): Promise<string> {
  const control = requireAppControl(deps);
  const token = rotateAutomationToken(deps.db, deps.box);
  const settings = readAutomationSettings(deps.db);
  if (settings.enabled) await control.apply({ ...settings, token });
  return token;
}
