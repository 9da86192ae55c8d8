import type { InputFile } from '../../inputFile';

/*
 * Debezium change events for orders of a generated Olist export (the demo), in the envelope
 * the real connector writes without the schema wrapper (fixtures/cdc/debezium.jsonl, made
 * by Debezium 3.6.1 against MariaDB): DATETIME columns as epoch milliseconds, one event per
 * line. For tests that need change records about rows a lakehouse already holds.
 */

const COLUMNS = ['order_id', 'customer_id', 'order_status', 'order_purchase_timestamp', 'order_approved_at', 'order_delivered_carrier_date', 'order_delivered_customer_date', 'order_estimated_delivery_date'] as const;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

type Order = Record<(typeof COLUMNS)[number], string | null>;

/** The orders file's rows as text (the generated files quote some fields, never with commas inside). */
function orderRows(files: InputFile[]): Order[] {
  const orders = files.find((f) => f.path.endsWith('olist_orders_dataset.csv'))!;
  const [header, ...lines] = new TextDecoder().decode(orders.bytes).trimEnd().split('\n');
  const names = header!.split(',').map((h) => h.replaceAll('"', ''));
  return lines.map((line) => {
    const cells = line.split(',').map((c) => c.replaceAll('"', ''));
    return Object.fromEntries(COLUMNS.map((c) => [c, cells[names.indexOf(c)] || null])) as Order;
  });
}

/**
 * Delivered orders with items whose every field reads cleanly and whose id appears once:
 * the ones a test can change and then find changed, whatever quirks the generator added.
 */
export function changeableOrders(files: InputFile[]): Order[] {
  const items = new TextDecoder().decode(files.find((f) => f.path.endsWith('olist_order_items_dataset.csv'))!.bytes);
  const rows = orderRows(files);
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(r.order_id ?? '', (seen.get(r.order_id ?? '') ?? 0) + 1);
  return rows.filter(
    (r) =>
      r.order_status === 'delivered' &&
      /^[0-9a-f]{32}$/.test(r.order_id ?? '') &&
      seen.get(r.order_id!) === 1 &&
      COLUMNS.slice(3).every((c) => r[c] !== null && TIMESTAMP.test(r[c]!)) &&
      items.includes(r.order_id!),
  );
}

const epochMs = (text: string | null) => (text === null ? null : Date.parse(`${text.replace(' ', 'T')}Z`));
const image = (o: Order) => Object.fromEntries(COLUMNS.map((c) => [c, c.endsWith('_timestamp') || c.endsWith('_at') || c.endsWith('_date') ? epochMs(o[c]) : o[c]]));

let position = 4;
function event(op: 'u' | 'd', before: Order, after: Order | null, tsMs: number): string {
  position += 400;
  const source = { version: '3.6.1.Final', connector: 'mysql', name: 'olist', ts_ms: tsMs - (tsMs % 1000), snapshot: 'false', db: 'olist', sequence: null, table: 'orders', server_id: 1, gtid: null, file: 'olist-bin.000003', pos: position, row: 0, thread: null, query: null };
  return JSON.stringify({ before: image(before), after: after && image(after), source, transaction: null, op, ts_ms: tsMs });
}

/** A topic dump of `cancel` orders updated to canceled, then `remove` orders deleted (each followed by its tombstone line). */
export function debeziumOrderChanges(files: InputFile[], cancel: number, remove: number, path = 'orders.cdc.jsonl'): InputFile & { cancelled: string[]; deleted: string[] } {
  const picked = changeableOrders(files).slice(0, cancel + remove);
  if (picked.length < cancel + remove) throw new Error(`only ${picked.length} orders can be changed`);
  const ts = Date.UTC(2018, 9, 20, 12, 0, 0);
  const lines = [
    ...picked.slice(0, cancel).map((o, i) => event('u', o, { ...o, order_status: 'canceled' }, ts + i * 1000)),
    ...picked.slice(cancel).flatMap((o, i) => [event('d', o, null, ts + (cancel + i) * 1000), '']),
  ];
  return {
    path,
    bytes: new TextEncoder().encode(lines.join('\n') + '\n'),
    cancelled: picked.slice(0, cancel).map((o) => o.order_id!),
    deleted: picked.slice(cancel).map((o) => o.order_id!),
  };
}
