import type { ChannelAdapter } from './channel-adapter';
import { ircloudAdapter } from './ircloud';
import { shopifyAdapter } from './shopify';
import { storefrontAdapter } from './storefront';
import { tgshopAdapter } from './tgshop';
import { woocommerceAdapter } from './woocommerce';

/** Every channel PackDesk can pull from, by provider_code. */
export const CHANNEL_ADAPTERS: Readonly<Record<string, ChannelAdapter>> = {
  woocommerce: woocommerceAdapter,
  shopify: shopifyAdapter,
  storefront: storefrontAdapter,
  tgshop: tgshopAdapter,
  ircloud: ircloudAdapter,
};
