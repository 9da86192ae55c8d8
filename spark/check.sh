#!/usr/bin/env bash
# The Spark / dbt check (issue #18): runs after `npm test`, needs Python 3 and Java 17.
#   spark/check.sh            sf 0.01 (CI)
#   SF=1 UNIT_TESTS=0 spark/check.sh   the benchmark scale, without the translation unit tests
# Creates the pinned Python environment in .spark/venv (gitignored), checks that the
# committed Spark translation is current and that every model translates (and that each
# translation rule is needed), generates Olist data, runs the app's own pipeline (native
# DuckDB), exports the dbt project, runs `dbt build` on local Spark (session) and on
# dbt-duckdb over the same bronze, and compares every silver, quarantine and gold table with
# the app's. Prints one line per check and `N passed, N failed`; exit status 1 when any
# check (or dbt test) failed.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SF=${SF:-0.01}
WORK=$ROOT/.spark/check-sf$SF
PY=$ROOT/.spark/venv/bin/python
DBT=$ROOT/.spark/venv/bin/dbt
steps=()
started=$SECONDS
elapsed() { echo "[$((SECONDS - started)) s, load $(cut -d' ' -f1-3 /proc/loadavg)] $*"; }

elapsed "python environment (spark/requirements.txt)"
sh spark/venv.sh || { echo "error: could not install spark/requirements.txt"; echo "0 passed, 1 failed"; exit 1; }

elapsed "translation: committed src/pipeline/models/dbtSql.json is current"
"$PY" spark/translate/translate.py --check; steps+=("translation is current=$?")
if [ "${UNIT_TESTS:-1}" != 0 ]; then
  elapsed "translation unit tests (spark/translate/test_*.py, on local Spark too) and spark/test_compare.py"
  "$PY" -W ignore -m unittest discover -s spark/translate -p 'test_*.py'; steps+=("translation unit tests=$?")
  "$PY" -m unittest discover -s spark -p 'test_compare.py'; steps+=("compare unit tests=$?")
fi

rm -rf "$WORK" && mkdir -p "$WORK"
elapsed "generate sf $SF"
npm run -s generate -- --sf "$SF" --out "$WORK/csv" >/dev/null || { echo "error: generate failed"; echo "0 passed, 1 failed"; exit 1; }
"$PY" spark/dirtyRows.py "$WORK/csv"; steps+=("dirty rows appended=$?")
elapsed "the app's pipeline (native DuckDB)"
t0=$SECONDS
npm run -s pipeline -- --engine native --out "$WORK/app" "$WORK/csv" > "$WORK/pipeline.log" 2>&1; status=$?
steps+=("app pipeline=$status")
elapsed "app pipeline took $((SECONDS - t0)) s"
npm run -s export-dbt -- --out "$WORK/project"; steps+=("export-dbt=$?")

cd "$WORK/project"
VARS="{bronze_path: $WORK/app/bronze}"
elapsed "dbt build on dbt-duckdb"
t0=$SECONDS
POCKET_TARGET=duckdb POCKET_DUCKDB_PATH=$WORK/dbt.duckdb "$DBT" build --profiles-dir . --vars "$VARS" > "$WORK/dbt-duckdb.log" 2>&1
cp target/run_results.json "$WORK/run_results-duckdb.json" 2>/dev/null
elapsed "dbt-duckdb took $((SECONDS - t0)) s"
elapsed "dbt build on Spark (local session)"
t0=$SECONDS
# One shuffle partition per CPU core at most: the machine has 2, shared.
POCKET_TARGET=spark POCKET_SPARK_WAREHOUSE=$WORK/spark-warehouse POCKET_SPARK_PARTITIONS=${POCKET_SPARK_PARTITIONS:-2} "$DBT" build --profiles-dir . --vars "$VARS" > "$WORK/dbt-spark.log" 2>&1
cp target/run_results.json "$WORK/run_results-spark.json" 2>/dev/null
elapsed "Spark took $((SECONDS - t0)) s"
cd "$ROOT"

args=()
for s in "${steps[@]}"; do args+=(--step "$s"); done
"$PY" spark/compare.py --app "$WORK/app" --models src/pipeline/models \
  --duckdb "$WORK/dbt.duckdb" --spark-warehouse "$WORK/spark-warehouse" \
  --dbt "duckdb=$WORK/run_results-duckdb.json" --dbt "spark=$WORK/run_results-spark.json" \
  "${args[@]}"
status=$?
elapsed "done (logs in ${WORK#$ROOT/})"
exit $status
