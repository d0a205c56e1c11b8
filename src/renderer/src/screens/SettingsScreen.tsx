/**
 * Settings: the Automation API. The shift lead switches on the HTTP server (REST API, the app in
 * a browser) that scripts use, picks its port, and sees or replaces its token. The token is a
 * secret: it is asked for only when Show or Copy is pressed, kept in this component's state
 * only, and never cached by react-query.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isLoopbackHost, type AutomationView } from '../../../shared/automation';
import { messageOf } from '../api/api-error';
import { call } from '../api/client';
import { Spinner } from '../components/Spinner';
import { toast } from '../state/toast-store';

const automationKey = ['automation', 'view'] as const;

function StateLine({ view }: { view: AutomationView }) {
  const { t } = useTranslation();
  if (view.error) {
    return (
      <p className="inline-error" role="alert" data-testid="automation-state">
        {view.error}
      </p>
    );
  }
  let text: string;
  if (view.managedBy === 'serve') text = t('settings.automation.stateServe', { url: view.url ?? '' });
  else if (view.running) text = t('settings.automation.stateOn', { url: view.url ?? '' });
  else if (view.managedBy === 'none') text = t('settings.automation.stateUnavailable');
  else text = t('settings.automation.stateOff');
  return (
    <p className={`automation__state ${view.running ? 'is-on' : 'is-off'}`} data-testid="automation-state">
      {text}
    </p>
  );
}

function TokenPanel() {
  const { t } = useTranslation();
  const [token, setToken] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const show = useMutation({
    mutationFn: () => call('automation.token', {}),
    onSuccess: ({ token: value }) => setToken(value),
    onError: (error) => toast.error(messageOf(error)),
  });
  const copy = useMutation({
    mutationFn: async () => {
      const { token: value } = await call('automation.token', {});
      await navigator.clipboard.writeText(value);
    },
    onSuccess: () => toast.success(t('settings.automation.copied')),
    onError: (error) => toast.error(messageOf(error)),
  });
  const rotate = useMutation({
    mutationFn: () => call('automation.rotateToken', {}),
    onSuccess: ({ token: value }) => {
      setToken(value);
      setConfirming(false);
      toast.success(t('settings.automation.rotated'));
    },
    onError: (error) => toast.error(messageOf(error)),
  });
  return (
    <section className="automation__token" aria-label={t('settings.automation.tokenTitle')}>
      <h2 className="section-title">{t('settings.automation.tokenTitle')}</h2>
      <p className="muted">{t('settings.automation.tokenHint')}</p>
      {token !== null && (
        <pre className="code-line" data-testid="automation-token">
          {token}
        </pre>
      )}
      <div className="automation__buttons">
        {token === null ? (
          <button type="button" className="button" onClick={() => show.mutate()} disabled={show.isPending}>
            {t('settings.automation.showToken')}
          </button>
        ) : (
          <button type="button" className="button" onClick={() => setToken(null)}>
            {t('settings.automation.hideToken')}
          </button>
        )}
        <button type="button" className="button" onClick={() => copy.mutate()} disabled={copy.isPending}>
          {t('settings.automation.copyToken')}
        </button>
        {!confirming && (
          <button type="button" className="button button--ghost" onClick={() => setConfirming(true)}>
            {t('settings.automation.rotateToken')}
          </button>
        )}
      </div>
      {confirming && (
        <div className="automation__confirm" role="alertdialog" aria-label={t('settings.automation.rotateToken')}>
          <p>{t('settings.automation.rotateWarning')}</p>
          <div className="automation__buttons">
            <button
              type="button"
              className="button button--primary"
              onClick={() => rotate.mutate()}
              disabled={rotate.isPending}
            >
              {t('settings.automation.rotateConfirm')}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function AutomationSection({ view }: { view: AutomationView }) {
  const { t } = useTranslation();
  const [port, setPort] = useState(String(view.port));
  const [host, setHost] = useState(view.host);
  const save = useMutation({
    mutationFn: (enabled: boolean) => call('automation.set', { enabled, port: Number(port), host: host.trim() }),
    onError: (error) => toast.error(messageOf(error)),
  });
  const fixed = view.managedBy !== 'app';
  const busy = save.isPending;
  const changed = port !== String(view.port) || host.trim() !== view.host;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(view.enabled);
  };
  return (
    <section className="automation card" data-testid="automation-settings">
      <h2 className="card__title">{t('settings.automation.title')}</h2>
      <p className="muted">{t('settings.automation.lead')}</p>
      <label className="check">
        <input
          type="checkbox"
          data-testid="automation-enabled"
          checked={view.enabled}
          disabled={fixed || busy}
          onChange={(e) => save.mutate(e.target.checked)}
        />
        <span>{t('settings.automation.enable')}</span>
        {busy && <Spinner size={14} label={t('common.loading')} />}
      </label>
      <StateLine view={view} />
      {view.managedBy === 'app' && (
        <form className="automation__form" onSubmit={onSubmit}>
          <label className="field">
            <span>{t('settings.automation.port')}</span>
            <input
              className="input input--narrow"
              data-testid="automation-port"
              inputMode="numeric"
              value={port}
              onChange={(e) => setPort(e.target.value.replace(/[^0-9]/g, ''))}
            />
            <small className="muted">{t('settings.automation.portHint')}</small>
          </label>
          <label className="field">
            <span>{t('settings.automation.host')}</span>
            <input
              className="input mono"
              data-testid="automation-host"
              value={host}
              onChange={(e) => setHost(e.target.value)}
            />
            <small className="muted">{t('settings.automation.hostHint')}</small>
          </label>
          {!isLoopbackHost(host.trim()) && (
            <p className="automation__warning" role="note" data-testid="automation-host-warning">
              {t('settings.automation.hostWarning')}
            </p>
          )}
          <button type="submit" className="button button--primary" disabled={!changed || busy}>
            {t('settings.automation.save')}
          </button>
        </form>
      )}
      {view.running && view.url && (
        <p>
          <a href={`${view.url}/api/docs`} target="_blank" rel="noreferrer" data-testid="automation-docs">
            {t('settings.automation.docs')}
          </a>
        </p>
      )}
      {view.managedBy === 'app' && <TokenPanel />}
    </section>
  );
}

export function SettingsScreen() {
  const { t } = useTranslation();
  const automation = useQuery({ queryKey: automationKey, queryFn: () => call('automation.get', {}) });
  return (
    <div className="settings" data-testid="settings-screen">
      <h1 className="screen-title">{t('settings.title')}</h1>
      {automation.isPending && <Spinner size={20} label={t('common.loading')} />}
      {automation.isError && <p className="inline-error">{messageOf(automation.error)}</p>}
      {automation.isSuccess && (
        // A saved port or address starts the form afresh from what is stored.
        <AutomationSection key={`${automation.data.host}|${automation.data.port}`} view={automation.data} />
      )}
    </div>
  );
}
