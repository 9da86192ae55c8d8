import { columnTypes } from '../../engine/catalog';
import type { Engine } from '../../engine/interface';
import { qualified } from '../../engine/sql';
import type { Model } from '../../pipeline/model';
import { runPipeline } from '../../pipeline/runner';
import { DASHBOARD_SCHEMA, dashboardTablesSql } from '../dashboard/dashboardTables';
import { chartIndexesSql } from '../dashboard/chartIndexes';
import { columnAccess, describeAccess, keyedShuffleSql, maskedColumnSql, type MaskKey } from './columnMasks';
import type { Audience } from './policySchema';
import { compileRowFilter } from './rowFilter';
import { scopeRowsSql } from './scope';

/** A policy that names what the lakehouse lacks; `path` is where in the policies file (under the audience). */
export class PolicyTargetError extends Error {
  constructor(message: string, readonly path: string[]) {
    super(message);
  }
}

/** Where the caller has put the full lakehouse's silver tables. */
export const SOURCE_SCHEMA = 'source';
const POLICY_SCHEMA = 'policy';

/** One published table: the query that reads it masked, and what each column became. */
export interface ExtractTable {
  schema: 'silver' | 'gold' | typeof DASHBOARD_SCHEMA;
  name: string;
  sql: string;
  columns: { name: string; type: string; access: string }[];
}

/** How each silver table is cut down to the audience's scope (`policy.scope`: order_id, order_item_id). */
const SCOPED_SILVER: [string, string][] = [
  ['orders', `SELECT * FROM ${SOURCE_SCHEMA}.orders WHERE order_id IN (SELECT order_id FROM ${POLICY_SCHEMA}.scope)`],
  ['order_items', `SELECT i.* FROM ${SOURCE_SCHEMA}.order_items AS i WHERE EXISTS (SELECT 1 FROM ${POLICY_SCHEMA}.scope AS s WHERE s.order_id = i.order_id AND s.order_item_id = i.order_item_id)`],
  ['customers', `SELECT * FROM ${SOURCE_SCHEMA}.customers WHERE customer_id IN (SELECT customer_id FROM silver.orders)`],
  ['sellers', `SELECT * FROM ${SOURCE_SCHEMA}.sellers WHERE seller_id IN (SELECT seller_id FROM silver.order_items)`],
  ['products', `SELECT * FROM ${SOURCE_SCHEMA}.products WHERE product_id IN (SELECT product_id FROM silver.order_items)`],
  ['order_payments', `SELECT * FROM ${SOURCE_SCHEMA}.order_payments WHERE order_id IN (SELECT order_id FROM silver.orders)`],
  ['order_reviews', `SELECT * FROM ${SOURCE_SCHEMA}.order_reviews WHERE order_id IN (SELECT order_id FROM silver.orders)`],
  // Locations only of the customers and sellers in scope.
  ['geolocation', `SELECT * FROM ${SOURCE_SCHEMA}.geolocation WHERE geolocation_zip_code_prefix IN (SELECT customer_zip_code_prefix FROM silver.customers UNION SELECT seller_zip_code_prefix FROM silver.sellers)`],
  // Reference data, the same for everyone.
  ['category_translation', `SELECT * FROM ${SOURCE_SCHEMA}.category_translation`],
];

/**
 * Builds one audience's extract (for one set of parameter values) in `engine`, which holds
 * the full lakehouse's silver tables in schema `source`: the scope's rows (scope.ts,
 * filtered by the bound row filter), silver cut down to them, gold rebuilt from that
 * silver by the pipeline's own models, and the dashboard's tables and pre-aggregates
 * built from that gold. Nothing is filtered after aggregating. Returns the tables to
 * publish, each as a query applying the column masks (the PII tags' by default).
 */
export async function buildExtract(engine: Engine, audience: Audience, parameters: Record<string, string>, goldModels: Model[], key: MaskKey): Promise<ExtractTable[]> {
  const condition = audience.rows === undefined ? 'TRUE' : compileRowFilter(audience.rows).bind(parameters);
  await engine.exec(`DROP SCHEMA IF EXISTS ${DASHBOARD_SCHEMA} CASCADE; DROP SCHEMA IF EXISTS gold CASCADE; DROP SCHEMA IF EXISTS silver CASCADE; DROP SCHEMA IF EXISTS ${POLICY_SCHEMA} CASCADE;
    CREATE SCHEMA ${POLICY_SCHEMA}; CREATE SCHEMA silver; CREATE SCHEMA gold;
    CREATE TABLE ${POLICY_SCHEMA}.scope AS SELECT DISTINCT order_id, order_item_id FROM (${scopeRowsSql(SOURCE_SCHEMA)}) AS scope WHERE ${condition}`);
  for (const [table, sql] of SCOPED_SILVER) {
    if ((await columnTypes(engine, SOURCE_SCHEMA, table)).size) await engine.exec(`CREATE TABLE silver.${table} AS ${sql}`);
  }
  const run = await runPipeline(engine, goldModels, { only: goldModels.map((m) => m.id) });
  const failed = run.models.find((m) => m.status === 'failed');
  if (failed) throw new Error(`gold.${failed.name} could not be rebuilt from the audience's rows: ${failed.error}`);

  const tables: ExtractTable[] = [];
  const publish = async (schema: ExtractTable['schema'], name: string, access?: Audience['tables'][string]) => {
    const types = await columnTypes(engine, schema, name);
    if (!types.size) throw new PolicyTargetError(`the policy lists ${schema}.${name}, which the lakehouse does not have`, ['tables', `${schema}.${name}`]);
    for (const column of Object.keys(access?.masks ?? {})) if (!types.has(column)) throw new PolicyTargetError(`the policy masks ${schema}.${name}.${column}, which is not a column of it`, ['tables', `${schema}.${name}`, 'masks', column]);
    const columns = [...types].map(([column, type]) => ({ name: column, type, access: columnAccess(column, access) }));
    const select = columns.map((c) => maskedColumnSql(c.name, c.type, c.access, key)).join(', ');
    const order = columns.some((c) => c.access.mask !== 'clear') ? ` ORDER BY ${keyedShuffleSql(key)}` : '';
    tables.push({ schema, name, sql: `SELECT ${select} FROM ${qualified(schema, name)}${order}`, columns: columns.map((c) => ({ name: c.name, type: c.type, access: describeAccess(c.access) })) });
  };
  for (const [table, access] of Object.entries(audience.tables)) {
    const [schema, name] = table.split('.') as ['silver' | 'gold', string];
    await publish(schema, name, access);
  }
  if (audience.dashboard) {
    // The row-level tables, then every chart's index built from them: what a click reads.
    await engine.exec(dashboardTablesSql((await columnTypes(engine, 'silver', 'geolocation')).size > 0));
    await engine.exec(chartIndexesSql());
    const names = await engine.query(`SELECT table_name FROM duckdb_tables() WHERE schema_name = '${DASHBOARD_SCHEMA}' ORDER BY table_name`);
    for (const row of names.toArray()) await publish(DASHBOARD_SCHEMA, String(row.table_name));
  }
  return tables;
}

/** Every combination of the audience's parameter values: one extract each ([{}] without parameters). */
export function parameterSets(audience: Audience): Record<string, string>[] {
  let sets: Record<string, string>[] = [{}];
  for (const [name, values] of Object.entries(audience.parameters)) sets = sets.flatMap((set) => values.map((v) => ({ ...set, [name]: v })));
  return sets;
}
