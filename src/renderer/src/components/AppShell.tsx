import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { BatchesScreen } from '../screens/BatchesScreen';
import { OrdersScreen } from '../screens/OrdersScreen';
import { PrintersScreen } from '../screens/PrintersScreen';
import { useUi, type Screen } from '../state/ui-store';
import { BatchesIcon, OrdersIcon, PrinterIcon } from './icons';
import { TopBar } from './TopBar';

const NAV: { screen: Screen; icon: typeof OrdersIcon }[] = [
  { screen: 'orders', icon: OrdersIcon },
  { screen: 'batches', icon: BatchesIcon },
  { screen: 'printers', icon: PrinterIcon },
];

const SCREENS: Record<Screen, () => JSX.Element> = {
  orders: OrdersScreen,
  batches: BatchesScreen,
  printers: PrintersScreen,
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
