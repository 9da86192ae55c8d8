import { generateOlist } from '../../../demo/generateOlist';
import type { InputFile } from '../../../ingest/inputFile';

/** The generated Olist files at sf 0.01: the first batch of the versions tests. */
export const firstBatch = (): InputFile[] => generateOlist({ sf: 0.01 }).map((f) => ({ path: f.name, bytes: f.bytes }));

/**
 * A second export of a few orders: the first `changed` orders again with status
 * `canceled`, and one order never seen before. Bronze gains every row; silver gains the
 * new order whatever the merge rule for the others.
 */
export function changedOrdersFile(first: InputFile[], changed = 3): InputFile & { orderIds: string[]; newOrderId: string } {
  const orders = first.find((f) => f.path.endsWith('olist_orders_dataset.csv'))!;
  const lines = new TextDecoder().decode(orders.bytes).split('\n');
  const header = lines[0]!;
  const picked = lines.slice(1, 1 + changed).map((l) => l.split(','));
  const newOrderId = 'feedc0ffee0000000000000000000001';
  const fresh = [...picked[0]!];
  fresh[0] = newOrderId;
  const rows = [...picked.map((cells) => cells.map((c, i) => (i === 2 ? 'canceled' : c))), fresh].map((cells) => cells.join(','));
  const text = [header, ...rows].join('\n') + '\n';
  return { path: 'orders_update.csv', bytes: new TextEncoder().encode(text), orderIds: picked.map((c) => c[0]!.replaceAll('"', '')), newOrderId };
}
