"""compare.py fails on every kind of difference the check exists to catch.
Run: .spark/venv/bin/python -m unittest discover -s spark -p 'test_compare.py'"""
from __future__ import annotations

import sys
import unittest
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).parent))
from compare import compare  # noqa: E402

APP = """SELECT * FROM (VALUES
  ('a', 1, 10.25::DECIMAL(12,2), 0.1 + 0.2, TIMESTAMP '2017-10-02 10:56:33', 'Champions'),
  ('b', 5, 3.10::DECIMAL(12,2), 1.0 / 3, TIMESTAMP '2018-01-01 00:00:00', NULL)
) AS t(id, score, money, ratio, at_ts, segment)"""


class CompareCatchesDifferences(unittest.TestCase):
    def setUp(self):
        self.con = duckdb.connect()

    def check(self, other: str) -> tuple[bool, str]:
        return compare(self.con, f"({APP})", f"({other})", ["id"])

    def test_the_same_rows_in_another_order_and_types_pass(self):
        ok, detail = self.check(f"SELECT id, score::BIGINT AS score, money::DECIMAL(38,2) AS money, ratio + 1e-15 AS ratio, at_ts, segment FROM ({APP}) ORDER BY id DESC")
        self.assertTrue(ok, detail)

    def test_a_cent_fails(self):
        self.assertFalse(self.check(f"SELECT * REPLACE (CASE WHEN id = 'b' THEN money + 0.01 ELSE money END AS money) FROM ({APP})")[0])

    def test_an_rfm_score_or_segment_fails(self):
        self.assertFalse(self.check(f"SELECT * REPLACE (CASE WHEN id = 'a' THEN 4 ELSE score END AS score) FROM ({APP})")[0])
        self.assertFalse(self.check(f"SELECT * REPLACE (CASE WHEN id = 'b' THEN 'Loyal' ELSE segment END AS segment) FROM ({APP})")[0])

    def test_a_double_beyond_1e9_relative_fails(self):
        self.assertFalse(self.check(f"SELECT * REPLACE (ratio * (1 + 1e-7) AS ratio) FROM ({APP})")[0])

    def test_a_timestamp_an_hour_off_fails(self):
        self.assertFalse(self.check(f"SELECT * REPLACE (at_ts + INTERVAL 1 HOUR AS at_ts) FROM ({APP})")[0])

    def test_a_missing_or_extra_row_or_column_fails(self):
        self.assertFalse(self.check(f"SELECT * FROM ({APP}) WHERE id = 'a'")[0])
        self.assertFalse(self.check(f"SELECT * FROM ({APP}) UNION ALL SELECT 'c', 1, 1, 1, NULL, NULL")[0])
        self.assertFalse(self.check(f"SELECT * REPLACE ('c' AS id) FROM ({APP}) WHERE id = 'b' UNION ALL SELECT * FROM ({APP}) WHERE id = 'a'")[0])
        self.assertFalse(self.check(f"SELECT * EXCLUDE (segment) FROM ({APP})")[0])


if __name__ == "__main__":
    unittest.main()
