/** Seed 000 §3: packing batches and their ZIP. */
import { z } from 'zod';
import { BATCH_STATUSES } from '../../../shared/statuses';
import { fileEndpoint, jsonEndpoint, type Endpoint } from './endpoint';
import { channel, sellerId, timestamp } from './schemas';

const batchParams = z.object({ batch_id: z.string().min(1).max(100) }).strict();

export const batchEndpoints: Endpoint[] = [
  jsonEndpoint({
    method: 'POST',
    path: '/api/batches/create',
    operationId: 'createBatch',
    tag: 'Batches',
    summary: "Batch one shop's labelled orders that are in no batch yet",
    description: 'seller_id may be left out when only one shop of the channel is connected.',
    body: z.object({ channel, seller_id: sellerId.optional() }).strict(),
    status: 201,
    response: z.object({ batch_id: z.string(), order_count: z.number().int() }),
    errors: { 404: 'No shop matches channel and seller_id.', 409: 'No order of the shop is ready for a batch.' },
    async run({ body }, call) {
      const shop = await call('credentials.findShop', { channel: body.channel, sellerId: body.seller_id });
      return call('batches.create', { credentialId: shop.id });
    },
  }),
  jsonEndpoint({
    method: 'GET',
    path: '/api/batches',
    operationId: 'listBatches',
    tag: 'Batches',
    summary: 'Every batch, newest first',
    query: z.object({}).strict(),
    response: z.array(
      z.object({
        batch_id: z.string(),
        channel: z.string(),
        seller_id: z.string(),
        status: z.enum(BATCH_STATUSES),
        order_count: z.number().int(),
        file_url: z.string().describe('Where to download the ZIP (this server, same token).'),
        created_at: timestamp,
      }),
    ),
    async run(_input, call) {
      return (await call('batches.list', {})).map((b) => ({
        batch_id: b.batchId,
        channel: b.channel,
        seller_id: b.sellerId,
        status: b.status,
        order_count: b.orderCount,
        file_url: `/api/batches/${encodeURIComponent(b.batchId)}/download`,
        created_at: b.createdAt,
      }));
    },
  }),
  fileEndpoint({
    method: 'GET',
    path: '/api/batches/{batch_id}/download',
    operationId: 'downloadBatch',
    tag: 'Batches',
    summary: 'The batch ZIP: labels in one PDF, pick list, packing slips, CSV manifest',
    params: batchParams,
    response: 'zip',
    errors: { 404: 'There is no batch with that id.' },
    async run({ params }, call) {
      return call('batches.download', { batchId: params.batch_id });
    },
  }),
];
