/** Timestamps are stored as ISO 8601 UTC text; one function makes them so tests can pass their own. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
export const iso = (d: Date): string => d.toISOString();
