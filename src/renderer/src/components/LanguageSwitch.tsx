import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/statuses';
import { messageOf } from '../api/api-error';
import { call } from '../api/client';
import { currentLanguage } from '../i18n';
import { toast } from '../state/toast-store';
import { GlobeIcon } from './icons';

/** Each language is named in itself, so anyone can find their own. */
const NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const save = useMutation({
    mutationFn: (language: Language) => call('settings.setLanguage', { language }),
    onError: (error) => toast.error(messageOf(error)),
  });
  const change = (language: Language) => {
    // Switch at once; remembering it for next start happens behind.
    void i18n.changeLanguage(language);
    save.mutate(language);
  };
  return (
    <label className="language-switch">
      <GlobeIcon width={18} height={18} />
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        data-testid="language-switch"
        value={currentLanguage()}
        onChange={(e) => change(e.target.value as Language)}
        aria-label={t('language.label')}
      >
        {(Object.keys(NAMES) as Language[]).map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {NAMES[lang]}
          </option>
        ))}
      </select>
    </label>
  );
}
