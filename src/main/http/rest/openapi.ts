/**
 * The OpenAPI 3.1 document of the REST API, generated from the same zod schemas that validate
 * requests (z.toJSONSchema), so it cannot say something the server does not do.
 */
import { z } from 'zod';
import type { Endpoint } from './endpoint';
import { errorBody } from './schemas';

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const doc = jsonSchema(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(doc.properties ?? {}).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (doc.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: propertySchema,
      ...(where === 'query' && JSON.stringify(propertySchema).includes('"array"') ? { explode: true } : {}),
    };
  });
}

const ERROR_RESPONSE = { $ref: '#/components/responses/Error' };

/** A body is required exactly when the server refuses a request without one (it reads a missing body as {}). */
function bodyRequired(body: z.ZodType): boolean {
  return !body.safeParse({}).success;
}

/** Every status the endpoint can answer: its successes, its own errors, and those every request or body may meet. */
function responses(e: Endpoint, bodyLimit: number): Record<string, Json> {
  const success =
    e.response === 'zip'
      ? { content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } }
      : { content: { 'application/json': { schema: jsonSchema(e.response, 'output') } } };
  const answers: Record<string, Json> = {};
  for (const [status, when] of Object.entries(e.successes ?? { [e.status ?? 200]: 'Success' })) {
    answers[status] = { description: when, ...success };
  }
  const errors: Record<number, string> = {
    400: 'The request is not valid; the error says which field and why.',
    401: 'The Bearer token is missing or wrong.',
    500: 'Something went wrong inside PackDesk; the details are in its log.',
    ...e.errors,
  };
  if (e.body) {
    errors[413] = `The request body is larger than ${bodyLimit / 1024} KB.`;
    errors[415] = 'The body is not sent as Content-Type: application/json.';
  }
  for (const [status, when] of Object.entries(errors)) answers[status] = { ...ERROR_RESPONSE, description: when };
  return answers;
}

function operation(e: Endpoint, bodyLimit: number): Json {
  return {
    operationId: e.operationId,
    tags: [e.tag],
    summary: e.summary,
    ...(e.description ? { description: e.description } : {}),
    parameters: [...parameters(e.params, 'path'), ...parameters(e.query, 'query')],
    ...(e.body
      ? {
          requestBody: {
            required: bodyRequired(e.body),
            content: { 'application/json': { schema: jsonSchema(e.body, 'input') } },
          },
        }
      : {}),
    responses: responses(e, bodyLimit),
  };
}

export interface OpenApiOptions {
  version: string;
  /** The largest request body the server reads, in bytes. */
  bodyLimit: number;
}

export function buildOpenApi(endpoints: readonly Endpoint[], { version, bodyLimit }: OpenApiOptions): Json {
  const paths: Record<string, Json> = {};
  for (const e of endpoints) paths[e.path] = { ...paths[e.path], [e.method.toLowerCase()]: operation(e, bodyLimit) };
  return {
    openapi: '3.1.0',
    info: {
      title: 'PackDesk automation API',
      version,
      description:
        'Seed 000\'s REST API. Every call needs `Authorization: Bearer <token>`. Orders are named by the channel\'s order id; where two shops share one, send PackDesk\'s id as "id:<internal_id>". Errors are `{"error": "...", "code": <status>}`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: jsonSchema(errorBody, 'output') },
      responses: {
        Error: {
          description: 'An error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
  };
}
