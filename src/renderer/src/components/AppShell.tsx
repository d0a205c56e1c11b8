import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { BatchesScreen } from '../screens/BatchesScreen';
import { DashboardScreen } from '../screens/DashboardScreen';
import { ExceptionsScreen } from '../screens/ExceptionsScreen';
import { OrdersScreen } from '../screens/OrdersScreen';
import { useUi, type Screen } from '../state/ui-store';
import { BatchesIcon, DashboardIcon, ExceptionsIcon, OrdersIcon } from './icons';
import { TopBar } from './TopBar';

const NAV: { screen: Screen; icon: typeof OrdersIcon }[] = [
  { screen: 'orders', icon: OrdersIcon },
  { screen: 'batches', icon: BatchesIcon },
  { screen: 'exceptions', icon: ExceptionsIcon },
  { screen: 'dashboard', icon: DashboardIcon },
];

const SCREENS: Record<Screen, ComponentType> = {
  orders: OrdersScreen,
  batches: BatchesScreen,
  exceptions: ExceptionsScreen,
  dashboard: DashboardScreen,
};

export function AppShell() {
  const { t } = useTranslation();
  const screen = useUi((s) => s.screen);
  const setScreen = useUi((s) => s.setScreen);
  const Current = SCREENS[screen];
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
        <main className="shell__main">
          <Current />
        </main>
      </div>
    </div>
  );
}
