import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from './api/api-error';
import { useAppInfo } from './api/queries';
import { AppShell } from './components/AppShell';
import { Spinner } from './components/Spinner';
import { Toasts } from './components/Toasts';
import { AccessTokenScreen } from './screens/AccessTokenScreen';
import { FirstStartScreen } from './screens/FirstStartScreen';
import { useSession } from './state/session-store';

/** Tests wait for this instead of sleeping: app.info is loaded and a first screen is on the page. */
function useReadySignal(ready: boolean): void {
  useEffect(() => {
    if (ready) document.documentElement.dataset.ready = 'true';
  }, [ready]);
}

export function App() {
  const { t } = useTranslation();
  const unauthorized = useSession((s) => s.unauthorized);
  const info = useAppInfo();
  useReadySignal(unauthorized || info.isSuccess);

  let content;
  if (unauthorized) content = <AccessTokenScreen />;
  else if (info.isPending)
    content = (
      <div className="page-center">
        <Spinner size={28} label={t('common.loading')} />
      </div>
    );
  else if (info.isError)
    content = (
      <div className="page-center">
        <div className="card card--narrow" role="alert">
          <h1 className="card__title">{t('app.cannotStart')}</h1>
          <p>{messageOf(info.error)}</p>
          <button type="button" className="button button--primary" onClick={() => void info.refetch()}>
            {t('common.tryAgain')}
          </button>
        </div>
      </div>
    );
  else content = info.data.firstStart ? <FirstStartScreen /> : <AppShell />;

  return (
    <>
      {content}
      <Toasts />
    </>
  );
}
