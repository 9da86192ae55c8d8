"""On real Spark: each translation rule gives DuckDB's value on the inputs where Spark and
DuckDB differ, and the plain SQLGlot rendering (without our rule) does not. This is the
evidence behind spark/README.md's table of semantic differences.
Needs Java; run through spark/check.sh (or unittest discover -s spark/translate)."""
from __future__ import annotations

import math
import os
import sys
import unittest
from pathlib import Path

import duckdb
import sqlglot

sys.path.insert(0, str(Path(__file__).parent))
import translate  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
NBSP, IDEOGRAPHIC = "\u00a0", "\u3000"

# (DuckDB expression of the text column x, inputs, whether plain SQLGlot gets it wrong):
# True for the rules, with inputs on which the engines disagree without the rule; False
# for what rules.py lists as the same in Spark, which this checks too.
CASES: list[tuple[str, list[str], bool]] = [
    ("TRY_CAST(x AS INTEGER)", ["7", " 7 ", "1.5", "2.5", "-1.5", "5.5", "1e1", "abc", "3000000000"], True),
    ("TRY_CAST(x AS DOUBLE)", ["1.5", "1.5d", "2f", "NaN", "inf", "-Infinity", " 3 ", "abc", "1e-3"], True),
    ("TRY_CAST(x AS TIMESTAMP)", ["2017-10-02 10:56:33", "2017-10-02", "2017", "2017-10", "2017-10-2 1:5:3", "2017-02-30 10:00:00", "2017-10-02 10:56:33.123456", "x"], True),
    ("TRY_CAST(x AS DECIMAL(12,2))", ["12.345", "-12.345", "12.355", "1e2", " 3.5 ", "abc", ".5"], False),
    ("quick_trim(x)", [f"{NBSP}a{NBSP}", "\ta ", " a ", f"{IDEOGRAPHIC}a", "abc"], True),
    ("trim(x)", [f"{NBSP}a{NBSP}", "\ta ", " a ", f"{IDEOGRAPHIC}a"], True),
    ("round(TRY_CAST(x AS DOUBLE), 2)", ["1.005", "2.675", "0.125", "1234.5678", "-1.005"], True),
    ("date_diff('day', TRY_CAST(x AS TIMESTAMP), TRY_CAST('2018-01-01 00:00:00' AS TIMESTAMP))", ["2017-12-31 23:59:59", "2017-12-31 00:00:00", "2017-01-01 12:00:00"], True),
    ("epoch(TRY_CAST('2018-01-03 10:00:00' AS TIMESTAMP) - TRY_CAST(x AS TIMESTAMP)) / 86400", ["2017-12-31 23:59:59", "2017-12-30 00:00:01", "2016-03-01 07:13:00"], True),
    ("x GLOB '[0-9][0-9][0-9]'", ["123", "12", "1234", "a23"], True),
    ("TRY_CAST(x AS INTEGER) / 4", ["1", "2", "7"], False),
    ("TRY_CAST(x AS DECIMAL(12,2)) / 3", ["10.00", "1.00", "2.50"], True),
]

# Aggregates over (g, v): DuckDB's interpolation, NULL order, bucket sizes. Spark's median
# (percentile 0.5) happens to equal DuckDB's, and SQLGlot itself writes NULLS LAST for
# DuckDB's ORDER BY: the rules make both explicit, so those cases expect plain to agree.
AGGREGATES: list[tuple[str, list[tuple[int, float | None]], bool]] = [
    ("SELECT g, median(v) AS r FROM t GROUP BY g", [(1, 0.1), (1, 0.2), (1, 0.7), (1, 0.3), (2, 1.1), (2, 2.2), (3, 5.0)], False),
    ("SELECT g, quantile_cont(v, 1.0 / 3) AS r FROM t GROUP BY g", [(1, 0.1), (1, 0.2), (1, 0.7), (1, 0.3), (2, 1.1), (2, 2.2), (2, 2.2), (2, 2.2), (3, 5.0)], True),
    ("SELECT g, v, ntile(3) OVER (ORDER BY v, g) AS r FROM t", [(1, 0.1), (2, None), (3, 0.3), (4, None), (5, 0.2), (6, 0.2), (7, 0.9)], False),
]


def same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    return a == b


class SparkSemantics(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.environ["TZ"] = "UTC"
        from pyspark.sql import SparkSession
        cls.spark = (SparkSession.builder.master("local[1]").appName("semantics")
                     .config("spark.sql.session.timeZone", "UTC").config("spark.ui.enabled", "false")
                     .config("spark.sql.shuffle.partitions", "1").getOrCreate())
        cls.duck = duckdb.connect()
        cls.duck.sql("SET TimeZone = 'UTC'")
        for macro in ROOT.joinpath("src/pipeline/sqlMacros.ts").read_text().split("`")[1::2]:
            cls.duck.sql(macro)

    @classmethod
    def tearDownClass(cls):
        cls.spark.stop()

    def spark_rows(self, sql: str) -> list[tuple]:
        return [tuple(r) for r in self.spark.sql(sql).collect()]

    def plain(self, duckdb_sql: str) -> list[tuple] | str:
        try:
            return self.spark_rows(sqlglot.transpile(duckdb_sql, read="duckdb", write="spark")[0])
        except Exception as error:  # an unknown function is a difference too
            return f"error: {type(error).__name__}"

    def test_scalar_rules_give_duckdb_values_and_plain_spark_does_not(self):
        for expression, inputs, differs in CASES:
            with self.subTest(expression=expression):
                values = ", ".join(f"({i}, '{x.replace(chr(39), chr(39) * 2)}')" for i, x in enumerate(inputs))
                sql = f"SELECT i, {expression} AS v FROM (VALUES {values}) AS t(i, x) ORDER BY i"
                expected = self.duck.sql(sql).fetchall()
                got = self.spark_rows(translate.to_spark(sql, "test"))
                self.assertEqual(len(got), len(expected))
                for e, g, x in zip(expected, got, inputs):
                    self.assertTrue(same(e[1], g[1]), f"{expression} on {x!r}: DuckDB {e[1]!r}, Spark {g[1]!r}")
                plain = self.plain(sql)
                agrees = isinstance(plain, list) and all(same(e[1], p[1]) for e, p in zip(expected, plain))
                self.assertEqual(agrees, not differs, f"{expression}: plain SQLGlot gives {plain}, DuckDB {expected}")

    def test_aggregate_rules_give_duckdb_values_and_plain_spark_does_not(self):
        for query, rows, differs in AGGREGATES:
            with self.subTest(query=query):
                values = ", ".join(f"({g}, {'NULL' if v is None else f'CAST({v!r} AS DOUBLE)'})" for g, v in rows)
                sql = f"WITH t AS (SELECT * FROM (VALUES {values}) AS t(g, v)) SELECT * FROM ({query}) ORDER BY 1, 2"
                expected = self.duck.sql(sql).fetchall()
                got = self.spark_rows(translate.to_spark(sql, "test"))
                self.assertEqual([tuple(e) for e in expected], got)
                plain = self.plain(sql)
                self.assertEqual(plain == [tuple(e) for e in expected], not differs, f"{query}: plain SQLGlot gives {plain}, DuckDB {expected}")


if __name__ == "__main__":
    unittest.main()
