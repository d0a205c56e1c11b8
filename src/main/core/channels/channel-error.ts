import { AppError } from '../../../shared/errors';

/**
 * A shop refused, failed or answered nonsense. The message is shown to the packer as it is, so it
 * says in words what happened and what to do ("The shop at https://... answered 500 three times;
 * try again later."); `details` keeps the raw facts (HTTP status, the shop's error code) for logs.
 */
export class ChannelError extends AppError {
  constructor(message: string, details?: ChannelErrorDetails) {
    super('channel_error', message, details);
    this.name = 'ChannelError';
  }
}

export interface ChannelErrorDetails {
  url?: string;
  httpStatus?: number;
  /** The provider's own error code, e.g. woocommerce_rest_authentication_error. */
  providerCode?: string;
  /** The shop could not be reached or answered 429/5xx: trying later may succeed. */
  unreachable?: boolean;
  /**
   * A try reached the provider and its answer was lost (a timeout, a dropped connection, a 5xx): a
   * write may have happened there. A carrier's purchase must then be looked up, never made again.
   */
  answerLost?: boolean;
  /** The provider answered no (e.g. GraphQL userErrors with HTTP 200): trying again the same way cannot help. */
  refused?: boolean;
  /** The wait the last answer's Retry-After asked for, uncut: to say when trying again may pass. */
  retryAfterMs?: number;
}
