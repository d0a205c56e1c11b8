/** Seed 000 §4: shop and carrier accounts. Secrets go in and never come back out. */
import { z } from 'zod';
import type { CredentialView } from '../../../shared/dto';
import { CREDENTIAL_TYPES } from '../../../shared/statuses';
import { Answer, jsonEndpoint, type Endpoint } from './endpoint';
import { timestamp } from './schemas';

const credential = z.object({
  id: z.number().int(),
  type: z.enum(CREDENTIAL_TYPES),
  provider_code: z.string(),
  external_id: z.string(),
  display_name: z.string(),
  base_url: z.string(),
  is_active: z.boolean(),
  is_sandbox: z.boolean(),
  last_pulled_at: timestamp.nullable(),
  created_at: timestamp,
});

function toCredential(c: CredentialView): z.input<typeof credential> {
  return {
    id: c.id,
    type: c.type,
    provider_code: c.providerCode,
    external_id: c.externalId,
    display_name: c.displayName,
    base_url: c.baseUrl,
    is_active: c.isActive,
    is_sandbox: c.isSandbox,
    last_pulled_at: c.lastPulledAt,
    created_at: c.createdAt,
  };
}

const text = z.string().min(1).max(200);

export const credentialEndpoints: Endpoint[] = [
  jsonEndpoint({
    method: 'GET',
    path: '/api/credentials',
    operationId: 'listCredentials',
    tag: 'Credentials',
    summary: 'Every shop and carrier account (never a secret)',
    query: z.object({}).strict(),
    response: z.array(credential),
    async run(_input, call) {
      return (await call('credentials.list', {})).map(toCredential);
    },
  }),
  jsonEndpoint({
    method: 'POST',
    path: '/api/credentials',
    operationId: 'saveCredential',
    tag: 'Credentials',
    summary: 'Add an account, or update the one with the same provider_code and external_id',
    description:
      'A new account needs the secrets its provider needs, as the Channels screen asks for them (a Shopify, Telegram or purchasing account: api_key alone; a storefront: api_key only for its Shopify proxy; iRCloud: api_key, api_secret, username and password; other shops and carriers: api_key and api_secret; the local carrier: none); an update without them keeps the stored ones. settings are merged into the stored ones, and base_url is stored without a trailing slash. Answers 201 when added, 200 when updated.',
    body: z
      .object({
        type: z.enum(CREDENTIAL_TYPES),
        provider_code: text,
        external_id: text,
        display_name: text.optional(),
        base_url: z
          .url({ protocol: /^https?$/ })
          .max(500)
          .optional(),
        settings: z.record(z.string().max(100), z.unknown()).optional(),
        api_key: z.string().min(1).max(2000).optional(),
        api_secret: z.string().min(1).max(2000).optional(),
        username: z.string().min(1).max(2000).optional().describe("iRCloud: the user's login name (sealed)"),
        password: z.string().min(1).max(2000).optional().describe("iRCloud: the user's password (sealed)"),
        is_active: z.boolean().optional(),
      })
      .strict(),
    status: 201,
    successes: {
      201: 'Added: no account had this provider_code and external_id.',
      200: 'Updated: the account with this provider_code and external_id.',
    },
    response: credential,
    errors: { 409: 'The account exists with another type.' },
    async run({ body }, call) {
      const saved = await call('credentials.save', {
        type: body.type,
        providerCode: body.provider_code,
        externalId: body.external_id,
        displayName: body.display_name,
        baseUrl: body.base_url,
        settings: body.settings,
        apiKey: body.api_key,
        apiSecret: body.api_secret,
        username: body.username,
        password: body.password,
        isActive: body.is_active,
      });
      return new Answer(saved.created ? 201 : 200, toCredential(saved.credential));
    },
  }),
];
