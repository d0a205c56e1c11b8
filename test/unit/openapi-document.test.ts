/**
 * The OpenAPI document a real server publishes at /api/openapi.json, read as a client generator
 * reads it: valid against the OpenAPI 3.1 schema (OAI's own, kept in test/support), each Schema
 * Object valid JSON Schema 2020-12, every $ref resolving, every operation listing the statuses
 * the server answers it with, and a body marked required exactly where the server refuses none.
 */
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../../src/main/http/rest/endpoints';
import { useRestServer } from '../support/rest-server';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const serve = useRestServer(tempDir);

type Json = Record<string, unknown>;
interface Operation {
  operationId: string;
  parameters: { in: string }[];
  requestBody?: { required: boolean };
  responses: Record<string, Json>;
}
type Document = Json & { paths: Record<string, Record<string, Operation>> };

/**
 * Ajv takes $dynamicAnchor only at a schema's root, and this schema keeps its "meta" anchor in
 * $defs/schema, so "#meta" is pointed there directly: the same check (a Schema Object is an object
 * or a boolean) for a document that does not extend the dialect. The Schema Objects themselves
 * are checked against JSON Schema 2020-12 below.
 */
const OAS_31_SCHEMA = JSON.parse(
  readFileSync(new URL('../support/openapi-3.1-schema.json', import.meta.url), 'utf8').replaceAll(
    '"$dynamicRef": "#meta"',
    '"$ref": "#/$defs/schema"',
  ),
) as Json;

async function publishedDocument() {
  const { request } = await serve();
  const res = await request('GET', '/api/openapi.json', { token: null });
  expect(res.status).toBe(200);
  return { doc: res.body as Document, request };
}

/** Every value under `node` with the key `key`, with where it is. */
function collect(node: unknown, key: string, at = '#'): { at: string; value: unknown }[] {
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => [
    ...(k === key ? [{ at: `${at}/${k}`, value: v }] : []),
    ...collect(v, key, `${at}/${k}`),
  ]);
}

/** A copy of `doc` with the value at `path` replaced. */
function withAt(doc: Document, path: string[], value: unknown): Document {
  const copy = structuredClone(doc);
  const parent = path.slice(0, -1).reduce<Json>((node, key) => node[key] as Json, copy);
  parent[path.at(-1)!] = value;
  return copy;
}

function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>(
      (node, part) => (node !== null && typeof node === 'object' ? (node as Json)[part] : undefined),
      doc,
    );
}

describe('OpenAPI document', () => {
  it('is valid against the OpenAPI 3.1 schema, with every Schema Object valid JSON Schema 2020-12', async () => {
    const { doc } = await publishedDocument();
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(OAS_31_SCHEMA);
    expect(validate(doc), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The check bites: an answer without its description, or a body required as "yes", is refused.
    const answer = doc.paths['/api/orders']!.get!.responses['200']!;
    expect(
      validate(withAt(doc, ['paths', '/api/orders', 'get', 'responses', '200'], { content: answer.content })),
    ).toBe(false);
    expect(validate(withAt(doc, ['paths', '/api/credentials', 'post', 'requestBody', 'required'], 'yes'))).toBe(false);

    const schemas = collect(doc.paths, 'schema', '#/paths');
    expect(schemas.length).toBeGreaterThanOrEqual(ENDPOINTS.length);
    for (const { at, value } of [
      ...schemas,
      { at: '#/components/schemas/Error', value: resolvePointer(doc, '#/components/schemas/Error') },
    ]) {
      expect(ajv.validateSchema(value as Json), `${at}: ${ajv.errorsText()}`).toBe(true);
    }
  });

  it('resolves every $ref within the document', async () => {
    const { doc } = await publishedDocument();
    const refs = collect(doc, '$ref');
    expect(refs.length).toBeGreaterThan(0);
    for (const { at, value } of refs)
      expect(resolvePointer(doc, String(value)), `${at}: ${String(value)}`).toBeDefined();
  });

  it('lists on each operation the errors every request, body and named order can meet', async () => {
    const { doc } = await publishedDocument();
    for (const e of ENDPOINTS) {
      const op = doc.paths[e.path]![e.method.toLowerCase()]!;
      const statuses = Object.keys(op.responses);
      expect(statuses, e.operationId).toEqual(expect.arrayContaining(['400', '401', '500']));
      if (e.body) expect(statuses, e.operationId).toEqual(expect.arrayContaining(['413', '415']));
      if (op.parameters.some((p) => p.in === 'path')) expect(statuses, e.operationId).toContain('404');
      for (const status of statuses.filter((s) => Number(s) >= 400)) {
        expect(op.responses[status]!.$ref, `${e.operationId} ${status}`).toBe('#/components/responses/Error');
      }
    }
    expect(Object.keys(doc.paths['/api/credentials']!.post!.responses)).toEqual(
      expect.arrayContaining(['200', '201', '409']),
    );
    expect(doc.paths['/api/orders/pull']!.post!.responses).toHaveProperty('502');
  });

  it('marks a request body required exactly where the server refuses a request without one', async () => {
    const { doc, request } = await publishedDocument();
    const required: string[] = [];
    for (const e of ENDPOINTS.filter((x) => x.body)) {
      const op = doc.paths[e.path]![e.method.toLowerCase()]!;
      const path = e.path.replace('{order_id}', '1001');
      const res = await request(e.method, path);
      const refusedForBody =
        res.status === 400 && /request body is not valid/.test((res.body as { error: string }).error);
      expect(op.requestBody!.required, `${e.operationId}: answered ${res.status} without a body`).toBe(refusedForBody);
      expect(Object.keys(op.responses), e.operationId).toContain(String(res.status));
      if (refusedForBody) required.push(e.operationId);
    }
    expect(required.sort()).toEqual(['createBatch', 'generateLabels', 'saveCredential', 'syncTracking']);
  });
});
