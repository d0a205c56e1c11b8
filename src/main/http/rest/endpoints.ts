/** Every endpoint of seed 000, in the order the seed lists them. */
import { batchEndpoints } from './batch-endpoints';
import { credentialEndpoints } from './credential-endpoints';
import { dashboardEndpoint } from './dashboard-endpoint';
import type { Endpoint } from './endpoint';
import { labelEndpoints } from './label-endpoints';
import { orderEndpoints } from './order-endpoints';

export const ENDPOINTS: readonly Endpoint[] = [
  ...orderEndpoints,
  ...labelEndpoints,
  ...batchEndpoints,
  ...credentialEndpoints,
  dashboardEndpoint,
];
