import { SQL_MACROS } from '../sqlMacros';

/**
 * The fixed files of the exported dbt project: dbt_project.yml, example profiles, the macros
 * that register bronze and name schemas, and the generic tests our expectations need.
 */
export function dbtProjectYaml(bronzeTables: string[]): string {
  return `# Exported by Pocket Lakehouse (npm run export-dbt). Models come from src/pipeline/models/.
name: pocket_lakehouse
version: '1.0.0'
config-version: 2
profile: pocket_lakehouse

model-paths: [models]
test-paths: [tests]
macro-paths: [macros]

vars:
  # Folder holding <table>.parquet for each bronze table: the DIR/bronze that
  # \`npm run pipeline -- --out DIR …\` writes (absolute path on Spark).
  bronze_path: bronze
  # false: the bronze tables exist already (e.g. loaded by a Databricks job); do not register them.
  bronze_register: true
  # Table format on plain Spark; Databricks always writes Delta.
  spark_file_format: parquet

on-run-start:
  - "{{ create_sql_macros() }}"
  - "{{ bronze_schema() }}"
${bronzeTables.map((t) => `  - "{{ register_bronze('${t}') }}"`).join('\n')}
  - "{{ commit_hooks() }}"

models:
  pocket_lakehouse:
    +materialized: table
    +file_format: "{{ 'delta' if target.type == 'databricks' else var('spark_file_format', 'parquet') }}"
`;
}

export const PROFILES_YAML = `# Example profiles: copy to ~/.dbt/profiles.yml or pass --profiles-dir to dbt.
# Every target needs the session time zone UTC on Spark: our TIMESTAMPs are wall-clock
# times without a zone, which Spark's TIMESTAMP keeps only in UTC (spark/README.md).
pocket_lakehouse:
  target: "{{ env_var('POCKET_TARGET', 'duckdb') }}"
  outputs:
    duckdb:
      type: duckdb
      path: "{{ env_var('POCKET_DUCKDB_PATH', 'lakehouse.duckdb') }}"
      threads: 2
    spark:
      # Spark in this process (pip install "dbt-spark[session]"), e.g. for CI.
      type: spark
      method: session
      host: localhost
      schema: default
      threads: 1
      server_side_parameters:
        spark.sql.session.timeZone: UTC
        spark.sql.warehouse.dir: "{{ env_var('POCKET_SPARK_WAREHOUSE', 'spark-warehouse') }}"
        spark.sql.shuffle.partitions: "{{ env_var('POCKET_SPARK_PARTITIONS', '4') }}"
        spark.driver.memory: "{{ env_var('POCKET_SPARK_MEMORY', '2g') }}"
        spark.ui.enabled: "false"
        spark.ui.showConsoleProgress: "false"
    spark_thrift:
      # A Spark Thrift server (start-thriftserver.sh --conf spark.sql.session.timeZone=UTC).
      type: spark
      method: thrift
      host: "{{ env_var('SPARK_HOST', 'localhost') }}"
      port: 10000
      schema: default
      threads: 4
    databricks:
      # A Databricks SQL warehouse or cluster (pip install dbt-databricks); tables are Delta.
      # Set the warehouse's or cluster's spark.sql.session.timeZone to UTC.
      type: databricks
      host: "{{ env_var('DATABRICKS_HOST', 'adb-0000000000000000.0.azuredatabricks.net') }}"
      http_path: "{{ env_var('DATABRICKS_HTTP_PATH', '/sql/1.0/warehouses/0000000000000000') }}"
      token: "{{ env_var('DATABRICKS_TOKEN', '') }}"
      catalog: "{{ env_var('DATABRICKS_CATALOG', 'main') }}"
      schema: default
      threads: 8
`;

export const MACROS: Record<string, string> = {
  'macros/create_sql_macros.sql': `{#- The SQL macros our models may use (src/pipeline/sqlMacros.ts), on DuckDB; the Spark
    SQL has them translated inline (spark/translate/rules.py). -#}
{% macro create_sql_macros() %}
  {% if execute and target.type == 'duckdb' %}
${SQL_MACROS.map((m) => `    {% call statement('create_sql_macro', fetch_result=False) %}\n${m}\n    {% endcall %}`).join('\n')}
  {% endif %}
{% endmacro %}
`,
  'macros/generate_schema_name.sql': `{#- Our layers are schemas of their own (bronze, silver, gold, quarantine), not
    suffixes of the target's schema. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
  {{ (custom_schema_name or target.schema) | trim }}
{%- endmacro %}
`,
  'macros/register_bronze.sql': `{#- The on-run-start hooks that make bronze.<table> a view over
    {{ var('bronze_path') }}/<table>.parquet, the bronze the app's CLI writes, on DuckDB and
    on Spark. Each returns one statement (Spark runs one per call). -#}
{% macro bronze_schema() %}
  {%- if var('bronze_register') -%} CREATE SCHEMA IF NOT EXISTS bronze {%- endif -%}
{% endmacro %}

{#- dbt-duckdb runs the hooks in a transaction that commits at the end of the run, so the
    models, on other connections, would not see the views and macros: commit them now. -#}
{% macro commit_hooks() %}
  {%- if target.type == 'duckdb' -%} COMMIT; BEGIN TRANSACTION {%- endif -%}
{% endmacro %}

{% macro register_bronze(table) %}
  {%- if var('bronze_register') -%}
    {%- set location = var('bronze_path') ~ '/' ~ table ~ '.parquet' -%}
    {%- if target.type == 'duckdb' -%}
      CREATE OR REPLACE VIEW bronze.{{ table }} AS SELECT * FROM read_parquet('{{ location }}')
    {%- else -%}
      CREATE OR REPLACE VIEW bronze.{{ table }} AS SELECT * FROM parquet.\`{{ location }}\`
    {%- endif -%}
  {%- endif -%}
{% endmacro %}
`,
};

export const GENERIC_TESTS: Record<string, string> = {
  'tests/generic/range_between.sql': `{#- expect: range(col; min; max): inclusive bounds, either may be left out. -#}
{% test range_between(model, column_name, min_value=none, max_value=none) %}
SELECT * FROM {{ model }}
WHERE {% if min_value is not none %}{{ column_name }} < {{ min_value }}{% endif %}
  {%- if min_value is not none and max_value is not none %} OR {% endif -%}
  {% if max_value is not none %}{{ column_name }} > {{ max_value }}{% endif %}
{% endtest %}
`,
  'tests/generic/unique_combination.sql': `{#- expect: unique(a, b): the combination of the columns is unique. -#}
{% test unique_combination(model, combination) %}
SELECT {{ combination | join(', ') }}, count(*) AS occurrences
FROM {{ model }}
GROUP BY {{ combination | join(', ') }}
HAVING count(*) > 1
{% endtest %}
`,
  'tests/generic/row_count_between.sql': `{#- expect: row_count_between(min; max). -#}
{% test row_count_between(model, min_value, max_value=none) %}
SELECT count(*) AS row_count FROM {{ model }}
HAVING count(*) < {{ min_value }}{% if max_value is not none %} OR count(*) > {{ max_value }}{% endif %}
{% endtest %}
`,
};
