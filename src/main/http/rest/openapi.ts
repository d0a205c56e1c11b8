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

function operation(e: Endpoint): Json {
  const status = String(e.status ?? 200);
  const success =
    e.response === 'zip'
      ? { description: 'A ZIP file', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } }
      : { description: 'Success', content: { 'application/json': { schema: jsonSchema(e.response, 'output') } } };
  const errors: Record<string, Json> = {
    400: { ...ERROR_RESPONSE, description: 'The request is not valid; the error says which field and why.' },
    401: { ...ERROR_RESPONSE, description: 'The Bearer token is missing or wrong.' },
  };
  for (const [code, when] of Object.entries(e.errors ?? {})) errors[code] = { ...ERROR_RESPONSE, description: when };
  return {
    operationId: e.operationId,
    tags: [e.tag],
    summary: e.summary,
    ...(e.description ? { description: e.description } : {}),
    parameters: [...parameters(e.params, 'path'), ...parameters(e.query, 'query')],
    ...(e.body
      ? { requestBody: { required: false, content: { 'application/json': { schema: jsonSchema(e.body, 'input') } } } }
      : {}),
    responses: { [status]: success, ...errors },
  };
}

export function buildOpenApi(endpoints: readonly Endpoint[], version: string): Json {
  const paths: Record<string, Json> = {};
  for (const e of endpoints) paths[e.path] = { ...paths[e.path], [e.method.toLowerCase()]: operation(e) };
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
