/**
 * Which secret goes where, per provider (seed 000 §4: `api_key` and `api_secret` carry the
 * provider's two secrets). The form on the Channels screen is built from this table and main
 * checks new credentials against it, so the two can never disagree. README shows it too.
 */
import type { ChannelProvider } from './statuses';

/** username / password: extra secrets of a provider that logs in as a user too (iRCloud), sealed with the others. */
export type SecretName = 'apiKey' | 'apiSecret' | 'username' | 'password';
/** A carrier account's secrets: DHL's gateway key plus the business-portal login. */
export type CarrierSecretName = 'apiKey' | 'username' | 'password';

export interface ProviderFields {
  /** What the base address is for this provider, and an example of it. */
  baseUrlHint: string;
  /** The secrets this provider needs, in the order the form asks for them. */
  secrets: readonly SecretName[];
  /** Settings the form offers beyond the common ones (auto-pull). */
  statusesSetting: boolean;
  /** An example of the statuses to pull, shown in the blank field (WooCommerce's when absent). */
  statusesHint?: string;
  /** The secrets may be left blank (storefront: the Shopify token only serves its proxy). */
  secretsOptional?: true;
  /** The form asks where order details come from and for the Shopify shop behind the proxy (storefront). */
  shopifyProxySettings?: true;
}

/** Providers PackDesk can connect from the Channels screen; the others come with their adapters. */
export const CONNECTABLE_PROVIDERS = [
  'woocommerce',
  'shopify',
  'storefront',
  'tgshop',
  'purchasing',
  'ircloud',
] as const satisfies readonly ChannelProvider[];
export type ConnectableProvider = (typeof CONNECTABLE_PROVIDERS)[number];

export const PROVIDER_FIELDS: Readonly<Record<ConnectableProvider, ProviderFields>> = {
  // WooCommerce → Settings → Advanced → REST API: consumer key (ck_…) and consumer secret (cs_…).
  woocommerce: { baseUrlHint: 'https://shop.example.com', secrets: ['apiKey', 'apiSecret'], statusesSetting: true },
  // A custom app's Admin API access token (shpat_…) goes in api_key; Shopify needs no second secret.
  shopify: { baseUrlHint: 'https://your-store.myshopify.com', secrets: ['apiKey'], statusesSetting: false },
  // Seed 001's order API needs no login; api_key holds the Shopify Admin API token its proxy (§3) passes on.
  storefront: {
    baseUrlHint: 'https://shop.example.com',
    secrets: ['apiKey'],
    statusesSetting: true,
    statusesHint: 'paid, processing',
    secretsOptional: true,
    shopifyProxySettings: true,
  },
  // The seed 002 shop's admin Bearer token goes in api_key.
  tgshop: { baseUrlHint: 'https://shop-api.example.com', secrets: ['apiKey'], statusesSetting: false },
  // Seed 004's BATCH_STATS_API_TOKEN (sent as Bearer) goes in api_key; its orders fill the Inbound queue.
  purchasing: { baseUrlHint: 'https://purchasing.example.com', secrets: ['apiKey'], statusesSetting: false },
  // iRCloud's open API: client id in api_key, client secret in api_secret, plus the user's login.
  ircloud: {
    baseUrlHint: 'https://openapi.77ircloud.com',
    secrets: ['apiKey', 'apiSecret', 'username', 'password'],
    statusesSetting: false,
  },
};

/** Where a storefront takes order details from: the shop's own API, or Shopify through the shop's proxy. */
export const DETAIL_SOURCES = ['shop', 'shopify'] as const;
export type DetailSource = (typeof DETAIL_SOURCES)[number];

/** Auto-pull choices in minutes; 0 is off (the default). */
export const AUTO_PULL_MINUTES = [0, 5, 15, 30, 60] as const;

/**
 * Carrier accounts added from the Carriers section, built from this table like the shop form is
 * from PROVIDER_FIELDS. DHL (dhl-account.ts reads it back) and Sendcloud (sendcloud-account.ts):
 * secrets sealed, the rest as settings. Sendcloud's public and secret key are seed 000's api_key and
 * api_secret; both are sealed, as together they are the account's password.
 */
export const CARRIER_ACCOUNT_FIELDS = {
  dhl: {
    baseUrlHint: 'https://api-eu.dhl.com/parcel/de/shipping/v2',
    secrets: ['apiKey', 'username', 'password'] as const satisfies readonly CarrierSecretName[],
  },
  sendcloud: {
    baseUrlHint: 'https://panel.sendcloud.sc/api/v3',
    secrets: ['apiKey', 'apiSecret'] as const satisfies readonly SecretName[],
  },
} as const;
export type CarrierAccountProvider = keyof typeof CARRIER_ACCOUNT_FIELDS;

/** The label formats a DHL account can ask for: PDF for office printers, ZPL2 for label printers. */
export const DHL_DOC_FORMATS = ['PDF', 'ZPL2'] as const;
export type DhlDocFormat = (typeof DHL_DOC_FORMATS)[number];
export const DHL_DEFAULT_PROFILE = 'STANDARD_GRUPPENPROFIL';

/** The label formats a Sendcloud account can ask for (label_details.mime_type application/pdf or application/zpl). */
export const SENDCLOUD_LABEL_FORMATS = ['pdf', 'zpl'] as const;
export type SendcloudLabelFormat = (typeof SENDCLOUD_LABEL_FORMATS)[number];
