"""Compares the tables dbt built (on Spark and on dbt-duckdb) with the app's own, and reports.

usage: compare.py --app DIR --duckdb FILE --spark-warehouse DIR --models DIR
                  [--dbt NAME=run_results.json …] [--step NAME=exit_status …]

Every silver, quarantine and gold table is joined with the app's on its key (the model's
`key:`; (_source, _row) for quarantine) and must have the same rows: row counts exact, every
value equal; DECIMAL money exact to the cent, integers (RFM scores), text (segments),
dates and timestamps exact; DOUBLE averages and medians within 1e-9 relative (their sums
may add in another order). Prints one line per check and `N passed, N failed`; exits 1
when any check failed.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import duckdb

LAYERS = ("silver", "quarantine", "gold")


def model_keys(models: Path) -> dict[str, list[str]]:
    keys = {}
    for path in sorted(models.glob("*/*.sql")):
        m = re.search(r"^--\s*key:\s*(.+)$", path.read_text(encoding="utf-8"), re.M)
        keys[f"{path.parent.name}.{path.stem}"] = [k.strip() for k in m.group(1).split(",")] if m else []
    return keys


def compare(con: duckdb.DuckDBPyConnection, app: str, other: str, key: list[str]) -> tuple[bool, str]:
    a_cols = con.sql(f"DESCRIBE SELECT * FROM {app}").fetchall()
    b_cols = {r[0]: r[1] for r in con.sql(f"DESCRIBE SELECT * FROM {other}").fetchall()}
    names = [c[0] for c in a_cols]
    missing = [n for n in names if n not in b_cols]
    extra = [n for n in b_cols if n not in names]
    if missing or extra:
        return False, f"columns differ: missing {missing}, extra {extra}"
    n_app = con.sql(f"SELECT count(*) FROM {app}").fetchone()[0]
    n_other = con.sql(f"SELECT count(*) FROM {other}").fetchone()[0]
    if n_app != n_other:
        return False, f"{n_other} rows, the app has {n_app}"
    checks = []
    for name, kind, *_ in a_cols:
        col = f'"{name}"'
        if kind in ("DOUBLE", "FLOAT") or b_cols[name] in ("DOUBLE", "FLOAT"):
            checks.append(f"((a.{col} IS NULL AND b.{col} IS NULL) OR abs(a.{col} - b.{col}) <= 1e-9 * greatest(1, abs(a.{col})))")
        else:
            checks.append(f"a.{col} IS NOT DISTINCT FROM b.{col}")
    join = " AND ".join(f'a."{k}" = b."{k}"' for k in key)
    bad = con.sql(f"""
        SELECT {', '.join(f'a."{k}"' for k in key)}, {', '.join(f'b."{k}"' for k in key)},
               {' , '.join(f'({c}) AS "ok_{n[0]}"' for c, n in zip(checks, a_cols))}
        FROM (SELECT *, 1 AS _in FROM {app}) AS a FULL JOIN (SELECT *, 1 AS _in FROM {other}) AS b ON {join}
        WHERE a._in IS NULL OR b._in IS NULL OR NOT ({' AND '.join(checks)})""").fetchall()
    if bad:
        row = bad[0]
        wrong = [a_cols[i][0] for i, ok in enumerate(row[2 * len(key):]) if not ok]
        return False, f"{len(bad)} rows differ (e.g. key {row[:len(key)]} / {row[len(key):2 * len(key)]}: {wrong or 'missing on one side'})"
    return True, f"{n_app} rows equal"


def dbt_results(path: Path) -> tuple[bool, str]:
    if not path.exists():
        return False, f"{path} missing: dbt did not run"
    results = json.loads(path.read_text())["results"]
    by_status: dict[str, int] = {}
    for r in results:
        by_status[r["status"]] = by_status.get(r["status"], 0) + 1
    failed = [r["unique_id"] for r in results if r["status"] in ("error", "fail", "skipped")]
    summary = ", ".join(f"{n} {s}" for s, n in sorted(by_status.items()))
    return (not failed and bool(results)), summary + (f"; failed: {failed[:5]}" if failed else "")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True, type=Path)
    parser.add_argument("--duckdb", type=Path)
    parser.add_argument("--spark-warehouse", type=Path)
    parser.add_argument("--models", required=True, type=Path)
    parser.add_argument("--dbt", action="append", default=[])
    parser.add_argument("--step", action="append", default=[])
    args = parser.parse_args()

    passed = failed = 0

    def report(ok: bool, what: str, detail: str) -> None:
        nonlocal passed, failed
        passed += ok
        failed += not ok
        print(f"{'PASS' if ok else 'FAIL'} {what}: {detail}", flush=True)

    for step in args.step:
        name, _, status = step.partition("=")
        report(status == "0", name, "exit status " + status)
    for item in args.dbt:
        name, _, path = item.partition("=")
        ok, detail = dbt_results(Path(path))
        report(ok, f"dbt build on {name}", detail)

    keys = model_keys(args.models)
    con = duckdb.connect()
    con.sql("SET TimeZone = 'UTC'")
    engines = {}
    if args.duckdb:
        con.sql(f"ATTACH '{args.duckdb}' AS dbt_duckdb (READ_ONLY)")
        engines["dbt-duckdb"] = lambda layer, table: f'dbt_duckdb."{layer}"."{table}"'
    if args.spark_warehouse:
        engines["spark"] = lambda layer, table: f"read_parquet('{args.spark_warehouse}/{layer}.db/{table}/*.parquet')"
    for layer in LAYERS:
        for path in sorted((args.app / layer).glob("*.parquet")):
            table = path.stem
            key = ["_source", "_row"] if layer == "quarantine" else keys.get(f"{layer}.{table}", [])
            app = f"(SELECT * EXCLUDE (_stage) FROM read_parquet('{path}') WHERE _stage = 'silver')" if layer == "quarantine" else f"read_parquet('{path}')"
            for engine, relation in engines.items():
                other = relation(layer, table)
                if layer == "quarantine":
                    other = f"(SELECT * EXCLUDE (_stage) FROM {other})"
                try:
                    ok, detail = compare(con, app, other, key)
                except duckdb.Error as error:
                    ok, detail = False, str(error).splitlines()[0]
                report(ok, f"{engine} {layer}.{table}", detail)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
