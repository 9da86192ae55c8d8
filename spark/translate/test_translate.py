"""The translation layer keeps every shipped model translatable, and every rule is needed:
without a rule, exactly the models using its construct fail, naming model and construct.
Run: .spark/venv/bin/python -m unittest discover -s spark/translate -p 'test_*.py'"""
from __future__ import annotations

import sys
import unittest
from pathlib import Path

import sqlglot

sys.path.insert(0, str(Path(__file__).parent))
import translate  # noqa: E402
from rules import RULES  # noqa: E402


def uses(path: Path) -> set[str]:
    """The constructs a model file uses, in its SQL and its sql expectations."""
    text = path.read_text(encoding="utf-8")
    found: set[str] = set()
    for sql in [translate.body(text), *(q for _, q in translate.sql_expectations(text))]:
        found |= set(translate.constructs(sqlglot.parse_one(sql, read="duckdb")))
    return found


class EveryModelTranslates(unittest.TestCase):
    def test_every_shipped_model_translates(self):
        result = translate.translate_all()
        self.assertEqual(len(result["models"]), len(translate.model_files()))
        for name, model in result["models"].items():
            self.assertIn("SELECT", model["spark"], name)

    def test_an_unknown_function_fails_naming_model_and_construct(self):
        with self.assertRaisesRegex(translate.Untranslatable, r"gold/x\.sql: list_reduce\(\) has no Spark translation"):
            translate.to_spark("SELECT list_reduce([1, 2], (a, b) -> a + b) AS n", "gold/x.sql")


class EveryRuleIsNeeded(unittest.TestCase):
    def test_removing_a_rule_fails_exactly_the_models_that_need_it(self):
        files = translate.model_files()
        used = {path: uses(path) for path in files}
        for rule in RULES:
            with self.subTest(rule=rule.name):
                without = [r for r in RULES if r is not rule]
                needing = [p for p in files if used[p] & set(rule.handles)]
                self.assertTrue(needing, f"no shipped model needs rule {rule.name}")
                # (The other models translate without the rule: they use none of its constructs,
                # and a construct is all the check looks at; test_every_shipped_model_translates.)
                for path in needing:
                    where = f"{path.parent.name}/{path.name}"
                    with self.assertRaises(translate.Untranslatable, msg=f"{where} without {rule.name}") as caught:
                        translate.translate_model(path, without)
                    self.assertIn(where, str(caught.exception))
                    self.assertTrue(any(h in str(caught.exception) for h in rule.handles), str(caught.exception))


class RulesRenderSpark(unittest.TestCase):
    def spark(self, duckdb_sql: str) -> str:
        return translate.to_spark(duckdb_sql, "test.sql")

    def test_table_references_become_ref_and_source_outside_strings(self):
        sql = translate.with_refs("SELECT 'gold.rfm' AS t FROM silver.orders JOIN bronze.orders USING (x) -- gold.x", "duckdb")
        self.assertEqual(sql, "SELECT 'gold.rfm' AS t FROM {{ ref('silver_orders') }} JOIN {{ source('bronze', 'orders') }} USING (x) -- gold.x")

    def test_glob_becomes_an_anchored_regex(self):
        self.assertIn("RLIKE '^[0-9][0-9]$'", self.spark("SELECT x GLOB '[0-9][0-9]' FROM t"))

    def test_group_by_all_groups_by_the_non_aggregates(self):
        self.assertIn("GROUP BY\n  1,\n  3", self.spark("SELECT a, count(*) AS n, b FROM t GROUP BY ALL"))

    def test_ascending_order_puts_nulls_last_as_duckdb(self):
        self.assertIn("ORDER BY x NULLS LAST", self.spark("SELECT ntile(5) OVER (ORDER BY x) FROM t"))


if __name__ == "__main__":
    unittest.main()
