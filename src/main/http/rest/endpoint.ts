/**
 * One REST endpoint: its path, the zod schemas of what it accepts and answers (which validate the
 * request and generate the OpenAPI document), and `run`, a thin mapping of the parsed request onto
 * the contract's handlers. The answer type is checked against the documented response schema at
 * compile time, so the document cannot drift from the code.
 */
import type { z } from 'zod';
import type { ApiArg, ApiName, ApiOutput } from '../../../shared/contract';
import type { FileDownload } from '../../../shared/dto';

/** Calls a contract handler through dispatch; a refusal is thrown as a RestError. */
export type Call = <K extends ApiName>(name: K, arg: ApiArg<K>) => Promise<ApiOutput<K>>;

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** An answer with a status other than the endpoint's usual one (201 created vs 200 updated), listed in `successes`. */
export class Answer<T> {
  constructor(
    readonly status: number,
    readonly body: T,
  ) {}
}

/**
 * An answer serialized already (the order list, written by SQLite), sent as it is. The compiler
 * cannot check its shape against the response schema, so the REST tests parse it.
 */
export class JsonBytes {
  constructor(readonly bytes: Buffer) {}
}

interface Common<P, Q, B> {
  method: 'GET' | 'POST';
  /** OpenAPI form: /api/orders/{order_id} */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Usual success status (200 unless said). */
  status?: number;
  /**
   * Where more than one success status can be answered (an Answer carries the others): each
   * status, the usual one too, with when.
   */
  successes?: Record<number, string>;
  /**
   * The error statuses this endpoint's own work may answer, with when. Those of every endpoint
   * (400, 401, 500) and of every body (413, 415) are added by the document builder.
   */
  errors?: Record<number, string>;
  /**
   * A GET whose answer depends on the database alone (not the clock): its serialized answer is
   * reused per URL until the database changes (answer-cache.ts).
   */
  cacheable?: true;
}

export interface JsonEndpointSpec<P, Q, B, R extends z.ZodType> extends Common<P, Q, B> {
  response: R;
  run(
    input: { params: Parsed<P>; query: Parsed<Q>; body: Parsed<B> },
    call: Call,
  ): Promise<z.input<R> | Answer<z.input<R>> | JsonBytes>;
}

export interface FileEndpointSpec<P, Q, B> extends Common<P, Q, B> {
  response: 'zip';
  run(input: { params: Parsed<P>; query: Parsed<Q>; body: Parsed<B> }, call: Call): Promise<FileDownload>;
}

/** What the router and the document builder see, type parameters erased. */
export interface Endpoint extends Common<z.ZodType, z.ZodType, z.ZodType> {
  response: z.ZodType | 'zip';
  run(input: { params: unknown; query: unknown; body: unknown }, call: Call): Promise<unknown>;
}

export function jsonEndpoint<
  R extends z.ZodType,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: JsonEndpointSpec<P, Q, B, R>): Endpoint {
  return spec as unknown as Endpoint;
}

export function fileEndpoint<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: FileEndpointSpec<P, Q, B>): Endpoint {
  return spec as unknown as Endpoint;
}
