import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/statuses';
import en from './en.json';
import zhCN from './zh-CN.json';

/** The OS / browser language, until the user picks one (then app.info.language wins). */
export function languageFromNavigator(): Language {
  const wanted = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of wanted) {
    const lower = (tag ?? '').toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: languageFromNavigator(),
  fallbackLng: 'en',
  supportedLngs: ['en', 'zh-CN'],
  interpolation: { escapeValue: false },
  // Keys are built from data ("pull:woocommerce", "on-hold"): a colon is not a namespace here.
  nsSeparator: false,
  returnNull: false,
  initAsync: false,
});

function markDocumentLanguage(lng: string): void {
  document.documentElement.lang = lng;
}
markDocumentLanguage(i18n.language);
i18n.on('languageChanged', markDocumentLanguage);

export function currentLanguage(): Language {
  return i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
}

export default i18n;
