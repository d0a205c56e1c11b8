/**
 * The WooCommerce simulator in a process of its own for the pull bench, as a real shop is another
 * machine: its orders and its work are not counted in the puller's memory and time. Prints one
 * line of JSON ({url, pulled}: how many orders a default pull should bring) and serves until its
 * stdin closes.
 */
import { SANDBOX_CONSUMER_KEY, SANDBOX_CONSUMER_SECRET, sampleWooOrders } from '../sim/woocommerce/sample-orders';
import { startWooSim } from '../sim/woocommerce/server';

const count = Number(process.argv[2] ?? '20000');
const orders = sampleWooOrders({ count, now: new Date(Date.now() - 60_000) });
const sim = await startWooSim({ consumerKey: SANDBOX_CONSUMER_KEY, consumerSecret: SANDBOX_CONSUMER_SECRET, orders });
const pulled = orders.filter((o) => o.status === 'processing' || o.status === 'on-hold').length;
process.stdout.write(`${JSON.stringify({ url: sim.url, pulled })}\n`);
process.stdin.resume();
process.stdin.on('end', () => void sim.close().then(() => process.exit(0)));
