import type { ExpectationSpec } from '../expectations/expectationSpec';
import type { Model } from '../model';
import { piiKind } from '../pii';
import { dbtModelName } from './dbtNames';
import { silverColumns, type ColumnsOf } from './dbtModels';
import { toYaml } from './yaml';

type Test = string | Record<string, Record<string, unknown>>;

const list = (arg: string | undefined) => (arg ?? '').split(',').map((c) => c.trim()).filter(Boolean);
const withSeverity = (name: string, args: Record<string, unknown>, spec: ExpectationSpec): Test =>
  spec.severity === 'warn' || Object.keys(args).length > 0
    ? {
        [name]: {
          ...(Object.keys(args).length > 0 ? { arguments: args } : {}),
          ...(spec.severity === 'warn' ? { config: { severity: 'warn' } } : {}),
        },
      }
    : name;

/**
 * Our expectations as dbt tests (models/README.md lists the kinds): not_null, unique,
 * accepted_values and relationships are dbt's own; range, unique over several columns and
 * row_count_between are generic tests shipped in tests/generic/; sql(…) become singular
 * tests (dbtTests.ts). `key:` implies unique(key), as in the app's runner.
 */
function mapExpectations(model: Model): { columnTests: Map<string, Test[]>; modelTests: Test[] } {
  const columnTests = new Map<string, Test[]>();
  const modelTests: Test[] = [];
  const onColumn = (column: string, test: Test) => columnTests.set(column, [...(columnTests.get(column) ?? []), test]);
  const specs = [...model.expectations];
  const key = model.key.join(', ');
  if (key && !specs.some((s) => s.kind === 'unique' && list(s.args[0]).join(', ') === key)) {
    specs.unshift({ kind: 'unique', args: [key], severity: 'error', name: `unique(${key})` });
  }
  for (const spec of specs) {
    const cols = list(spec.args[0]);
    switch (spec.kind) {
      case 'not_null':
        for (const c of cols) onColumn(c, withSeverity('not_null', {}, spec));
        break;
      case 'unique':
        if (cols.length === 1) onColumn(cols[0], withSeverity('unique', {}, spec));
        else modelTests.push(withSeverity('unique_combination', { combination: cols }, spec));
        break;
      case 'accepted_values':
        onColumn(cols[0], withSeverity('accepted_values', { values: list(spec.args[1]) }, spec));
        break;
      case 'relationships': {
        const [layer, table, field] = (spec.args[1] ?? '').split('.');
        onColumn(cols[0], withSeverity('relationships', { to: `ref('${dbtModelName(layer as 'silver', table)}')`, field }, spec));
        break;
      }
      case 'range': {
        const [min, max] = [spec.args[1]?.trim(), spec.args[2]?.trim()];
        onColumn(cols[0], withSeverity('range_between', { min_value: min ? Number(min) : undefined, max_value: max ? Number(max) : undefined }, spec));
        break;
      }
      case 'row_count_between':
        modelTests.push(withSeverity('row_count_between', { min_value: Number(spec.args[0] || 0), max_value: spec.args[1] ? Number(spec.args[1]) : undefined }, spec));
        break;
      case 'sql':
        break; // a singular test file
    }
  }
  return { columnTests, modelTests };
}

function column(name: string, tests: Test[] | undefined) {
  const pii = piiKind(name);
  return {
    name,
    meta: pii ? { pii } : undefined,
    tags: pii ? ['pii'] : undefined,
    data_tests: tests,
  };
}

/** schema.yml for one layer's models: descriptions, grain/key as meta, columns with PII meta and tests. */
export function layerSchemaYaml(models: Model[], columnsOf: ColumnsOf): string {
  const entries = [];
  for (const model of models) {
    const { columnTests, modelTests } = mapExpectations(model);
    const description = [model.description, ...model.docs].join('\n');
    const columns = silverColumns(model, columnsOf);
    for (const tested of columnTests.keys()) if (!columns.includes(tested)) columns.push(tested);
    entries.push({
      name: dbtModelName(model.layer, model.name),
      description,
      meta: { source_model: `src/pipeline/models/${model.path}`, grain: model.grain, key: model.key.length ? model.key : undefined },
      data_tests: modelTests.length ? modelTests : undefined,
      columns: columns.map((c) => column(c, columnTests.get(c))),
    });
    if (model.layer === 'silver') {
      entries.push({
        name: dbtModelName('silver_staging', model.name),
        description: `Every bronze row of ${model.name}, typed by src/pipeline/models/${model.path}, with _reason.`,
      });
      entries.push({
        name: dbtModelName('quarantine', model.name),
        description: `Bronze rows of ${model.name} that break a hard rule, as loaded, with _reason and _stage.`,
        columns: [{ name: '_reason', data_tests: ['not_null'] }],
      });
    }
  }
  return `version: 2\nmodels:${toYaml(entries, '  ')}\n`;
}

/** sources.yml: the nine bronze tables, registered from Parquet by the register_bronze macro. */
export function sourcesYaml(names: string[]): string {
  return `version: 2\nsources:${toYaml(
    [
      {
        name: 'bronze',
        schema: 'bronze',
        description:
          "Bronze, as the app loads it: every source column as text, plus _source, _source_kind, _row and _loaded_at. on-run-start's register_bronze makes each table a view over {{ var('bronze_path') }}/<table>.parquet (the CLI's DIR/bronze); set var bronze_register: false to use tables that exist already.",
        tables: names.map((name) => ({
          name,
          meta: { parquet: `{{ var('bronze_path') }}/${name}.parquet` },
          columns: [{ name: '_source', data_tests: ['not_null'] }, { name: '_row', data_tests: ['not_null'] }],
        })),
      },
    ],
    '  ',
  )}\n`;
}
