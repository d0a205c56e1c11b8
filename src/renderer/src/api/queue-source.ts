/**
 * Which shops the queue shows, as one string so it can sit in query keys and the UI store:
 * '' every shop, 'channel:woocommerce' every store of a channel, 'store:3' one store (credential).
 */
import type { ApiArg } from '../../../shared/contract';
import { CHANNEL_PROVIDERS, type ChannelProvider } from '../../../shared/statuses';

export type QueueSource = '' | `channel:${ChannelProvider}` | `store:${number}`;

export type SourceArgs = Pick<ApiArg<'orders.counts'>, 'channel' | 'credentialId'>;

export function sourceArgs(source: QueueSource): SourceArgs {
  if (source.startsWith('store:')) return { credentialId: Number(source.slice('store:'.length)) };
  const channel = source.slice('channel:'.length);
  return (CHANNEL_PROVIDERS as readonly string[]).includes(channel) ? { channel: channel as ChannelProvider } : {};
}
