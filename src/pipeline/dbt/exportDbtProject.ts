import { bundledLineage } from '../lineage/lineageFile';
import type { Model } from '../model';
import { byDialect, bundledDbtSql, type DbtSqlFile } from './dbtSql';
import { dbtModelFiles, type ColumnsOf } from './dbtModels';
import { dbtModelName } from './dbtNames';
import { layerSchemaYaml, sourcesYaml } from './dbtSchema';
import { dbtProjectYaml, GENERIC_TESTS, MACROS, PROFILES_YAML } from './dbtSupportFiles';

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 60);

const columnsFromLineage: ColumnsOf = (id) => Object.keys(bundledLineage.models[id] ?? {});

/**
 * The dbt project that runs our models on dbt-duckdb, dbt-spark and dbt-databricks, as
 * files by path (the CLI writes them, the app zips them). Each model's SQL comes from
 * dbtSql.json; a model missing there, or translated from other SQL than it has now,
 * stops the export, naming the model.
 */
export function exportDbtProject(models: Model[], sql: DbtSqlFile = bundledDbtSql, columnsOf: ColumnsOf = columnsFromLineage, sha256?: (text: string) => string): Record<string, string> {
  const files: Record<string, string> = {};
  const silver = models.filter((m) => m.layer === 'silver');
  const gold = models.filter((m) => m.layer === 'gold');
  for (const model of models) {
    const translated = sql.models[model.id];
    if (!translated) throw new Error(`${model.path}: no Spark translation in src/pipeline/models/dbtSql.json: run \`npm run translate-models\``);
    if (sha256 && sha256(model.sql) !== translated.sha256) {
      throw new Error(`${model.path}: changed since its Spark translation in src/pipeline/models/dbtSql.json: run \`npm run translate-models\``);
    }
    if (columnsOf(model.id).length === 0) throw new Error(`${model.path}: no columns in src/pipeline/models/lineage.json: run \`npm run lineage\``);
    Object.assign(files, dbtModelFiles(model, translated, columnsOf));
    for (const test of translated.expectations) {
      const spec = model.expectations.find((e) => e.kind === 'sql' && e.args[0] === test.name);
      const severity = spec?.severity === 'warn' ? "{{ config(severity='warn') }}\n" : '';
      files[`tests/${dbtModelName(model.layer, model.name)}__${slug(test.name)}.sql`] =
        `-- ${model.id}: ${test.name} (expect: sql in src/pipeline/models/${model.path}); the failing rows.\n${severity}${byDialect(test.duckdb, test.spark)}`;
    }
  }
  const bronze = silver.map((m) => m.name);
  files['dbt_project.yml'] = dbtProjectYaml(bronze);
  files['profiles.yml'] = PROFILES_YAML;
  files['models/sources.yml'] = sourcesYaml(bronze);
  files['models/silver/schema.yml'] = layerSchemaYaml(silver, columnsOf);
  files['models/gold/schema.yml'] = layerSchemaYaml(gold, columnsOf);
  Object.assign(files, MACROS, GENERIC_TESTS);
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
}
