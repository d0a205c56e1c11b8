/** Every REST error is `{"error": words, "code": HTTP status}` (seed 000), plus details when they help. */
export interface RestErrorBody {
  error: string;
  code: number;
  details?: unknown;
}

export class RestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'RestError';
  }

  toBody(): RestErrorBody {
    return this.details === undefined
      ? { error: this.message, code: this.status }
      : { error: this.message, code: this.status, details: this.details };
  }
}

export function describeIssues(where: string, issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  return `The ${where} is not valid: ${issues
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ')}`;
}
