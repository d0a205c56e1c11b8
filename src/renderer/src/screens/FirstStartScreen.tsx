import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../api/api-error';
import { call } from '../api/client';
import { CredentialForm } from '../components/CredentialForm';
import { Logo } from '../components/icons';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Spinner } from '../components/Spinner';
import { useUi } from '../state/ui-store';

export function FirstStartScreen() {
  const { t } = useTranslation();
  const setFirstPull = useUi((s) => s.setFirstPull);
  const setScreen = useUi((s) => s.setScreen);
  const [connecting, setConnecting] = useState(false);
  const start = useMutation({
    // call() resolves after app.info is refetched: the shell replaces this screen right away.
    mutationFn: () => call('sandbox.start', {}),
    onSuccess: (result) => {
      setFirstPull(result);
      setScreen('orders');
    },
  });

  return (
    <div className="first-start">
      <div className="first-start__language">
        <LanguageSwitch />
      </div>
      <div className="card first-start__card">
        <div className="card__brand">
          <Logo width={40} height={40} />
          <span>PackDesk</span>
        </div>
        <h1 className="first-start__title">{t('firstStart.title')}</h1>
        <p className="first-start__lead">{t('firstStart.lead')}</p>

        <div className="first-start__choices">
          <div className="choice">
            <button
              type="button"
              className="button button--primary button--hero"
              data-testid="sample-orders"
              onClick={() => start.mutate()}
              disabled={start.isPending}
              aria-busy={start.isPending}
              autoFocus
            >
              {start.isPending && <Spinner size={18} />}
              <span>{start.isPending ? t('firstStart.starting') : t('firstStart.sample')}</span>
            </button>
            <p className="choice__note">{t('firstStart.sampleNote')}</p>
          </div>
          <div className="choice">
            <button
              type="button"
              className="button button--hero button--secondary"
              data-testid="connect-shop"
              onClick={() => setConnecting(true)}
            >
              {t('firstStart.connect')}
            </button>
            <p className="choice__note">{t('firstStart.connectNote')}</p>
          </div>
        </div>

        {connecting && <CredentialForm onCancel={() => setConnecting(false)} onDone={() => setScreen('channels')} />}

        {start.isError && (
          <p className="inline-error" role="alert">
            {messageOf(start.error)}
          </p>
        )}
      </div>
    </div>
  );
}
