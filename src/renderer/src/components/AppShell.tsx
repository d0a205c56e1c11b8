import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useAutoPullRefresh } from '../api/auto-pull-refresh';
import { BatchesScreen } from '../screens/BatchesScreen';
import { ChannelsScreen } from '../screens/ChannelsScreen';
import { DashboardScreen } from '../screens/DashboardScreen';
import { ExceptionsScreen } from '../screens/ExceptionsScreen';
import { InboundScreen } from '../screens/InboundScreen';
import { OrdersScreen } from '../screens/OrdersScreen';
import { OutboxScreen } from '../screens/OutboxScreen';
import { PackScreen } from '../screens/PackScreen';
import { PrintersScreen } from '../screens/PrintersScreen';
import { SettingsScreen } from '../screens/SettingsScreen';
import { useUi, type Screen } from '../state/ui-store';
import {
  BatchesIcon,
  DashboardIcon,
  ExceptionsIcon,
  InboundIcon,
  OrdersIcon,
  OutboxIcon,
  PackIcon,
  PrinterIcon,
  SettingsIcon,
  StoreIcon,
} from './icons';
import { OfflineBanner } from './OfflineBanner';
import { TopBar } from './TopBar';

const NAV: { screen: Screen; icon: typeof OrdersIcon }[] = [
  { screen: 'orders', icon: OrdersIcon },
  { screen: 'inbound', icon: InboundIcon },
  { screen: 'batches', icon: BatchesIcon },
  { screen: 'pack', icon: PackIcon },
  { screen: 'exceptions', icon: ExceptionsIcon },
  { screen: 'dashboard', icon: DashboardIcon },
  { screen: 'printers', icon: PrinterIcon },
  { screen: 'outbox', icon: OutboxIcon },
  { screen: 'channels', icon: StoreIcon },
  { screen: 'settings', icon: SettingsIcon },
];

const SCREENS: Record<Screen, ComponentType> = {
  orders: OrdersScreen,
  inbound: InboundScreen,
  batches: BatchesScreen,
  pack: PackScreen,
  exceptions: ExceptionsScreen,
  dashboard: DashboardScreen,
  printers: PrintersScreen,
  outbox: OutboxScreen,
  channels: ChannelsScreen,
  settings: SettingsScreen,
};

export function AppShell() {
  const { t } = useTranslation();
  const screen = useUi((s) => s.screen);
  const setScreen = useUi((s) => s.setScreen);
  const Current = SCREENS[screen];
  useAutoPullRefresh();
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
          <OfflineBanner />
          <Current />
        </main>
      </div>
    </div>
  );
}
