import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { setAccessToken } from '../api/access-token';
import { Logo } from '../components/icons';

/** Headless mode without (or with a wrong) token: say how to get in, and let a token be pasted. */
export function AccessTokenScreen() {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // A pasted address works as well as a bare token.
    const token = /token=([^&\s]+)/.exec(value)?.[1] ?? value.trim();
    if (!token) return;
    setAccessToken(decodeURIComponent(token));
    window.location.reload();
  };
  return (
    <div className="page-center">
      <div className="card card--narrow" data-testid="access-token-needed" role="alert">
        <div className="card__brand">
          <Logo />
          <span>PackDesk</span>
        </div>
        <h1 className="card__title">{t('access.title')}</h1>
        <p>{t('access.body')}</p>
        <pre className="code-line">PackDesk is ready: {window.location.origin}/#token=…</pre>
        <form className="access-form" onSubmit={submit}>
          <label htmlFor="access-token">{t('access.pasteLabel')}</label>
          <div className="access-form__row">
            <input
              id="access-token"
              className="input"
              type="password"
              autoComplete="off"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              placeholder={t('access.placeholder')}
            />
            <button type="submit" className="button button--primary" disabled={!value.trim()}>
              {t('access.open')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
