import { AppError } from '../../../shared/errors';

/**
 * A carrier refused, failed or could not be reached. The message is shown to the packer as it is
 * ("DHL refused the API key ..."). `mayHaveBought`: the request went out and its answer was lost
 * (a timeout, a dropped connection), so the label may exist and must be looked up, never bought again.
 * `answered`: the carrier's answer is what failed (it carries an HTTP status); false when it could
 * not be reached or did not answer, so its next call would most likely fail the same way.
 */
export class CarrierError extends AppError {
  readonly mayHaveBought: boolean;
  readonly answered: boolean;

  constructor(message: string, opts: { mayHaveBought?: boolean; httpStatus?: number } = {}) {
    super('carrier_error', message, opts.httpStatus === undefined ? undefined : { httpStatus: opts.httpStatus });
    this.name = 'CarrierError';
    this.mayHaveBought = opts.mayHaveBought ?? false;
    this.answered = opts.httpStatus !== undefined;
  }
}
