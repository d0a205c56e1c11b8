import { createElement, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { BatchesScreen } from '../screens/BatchesScreen';
import { OrdersScreen } from '../screens/OrdersScreen';
import { PackScreen } from '../screens/PackScreen';
import { useUi, type Screen } from '../state/ui-store';
import { BatchesIcon, OrdersIcon, PackIcon } from './icons';
import { TopBar } from './TopBar';

const NAV: { screen: Screen; icon: typeof OrdersIcon }[] = [
  { screen: 'orders', icon: OrdersIcon },
  { screen: 'batches', icon: BatchesIcon },
  { screen: 'pack', icon: PackIcon },
];

const SCREENS: Record<Screen, () => JSX.Element> = { orders: OrdersScreen, batches: BatchesScreen, pack: PackScreen };

export function AppShell() {
  const { t } = useTranslation();
  const screen = useUi((s) => s.screen);
  const setScreen = useUi((s) => s.setScreen);
  return (
    <div className="shell">
      <TopBar />
      <div className="shell__body">
        <nav className="nav" aria-label={t('nav.label')}>
          {NAV.map(({ screen: target, icon: NavIcon }) => (
            <button
              key={target}
              type="button"
              className="nav__item"
              data-testid={`nav-${target}`}
              aria-current={screen === target ? 'page' : undefined}
              onClick={() => setScreen(target)}
            >
              <NavIcon />
              <span>{t(`nav.${target}`)}</span>
            </button>
          ))}
        </nav>
        <main className="shell__main">{createElement(SCREENS[screen])}</main>
      </div>
    </div>
  );
}
