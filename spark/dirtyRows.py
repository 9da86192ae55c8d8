"""Appends rows to generated Olist CSVs that exercise silver's hard rules and the places
where Spark and DuckDB read text differently, so the check compares quarantine, de-duplication
and casting, not only clean data. usage: dirtyRows.py CSV_DIR

Each row copies the file's first data row and changes some fields:
  - exact and conflicting duplicates of a key (silver keeps the first by _row);
  - text DuckDB rejects and Spark's plain cast accepts: timestamp '2017' and '2017-10',
    amount '12.5d' (quarantined in both, through the translation rules);
  - text DuckDB accepts that Spark's plain try_cast rejects: integer '1.5' (-> 2), '1e1';
  - ids padded with no-break spaces (DuckDB's trim removes them, Spark's trim does not);
  - a missing key, a negative price, an amount with three decimals (rounded half away from 0).
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

NBSP = "\u00a0"


def append(folder: Path, name: str, changes: list[dict[str, str]]) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    header, first = rows[0], rows[1]
    out = [] if text.endswith("\n") else [""]
    for change in changes:
        unknown = set(change) - set(header)
        if unknown:
            raise SystemExit(f"{name}: no column {sorted(unknown)}")
        row = dict(zip(header, first))
        row.update(change)
        out.append(",".join(_quote(row[h]) for h in header))
    with path.open("a", encoding="utf-8", newline="") as f:
        f.write("\n".join(out) + "\n")


def _quote(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\n\r') or value != value.strip(" ") else value


def main(folder: Path) -> int:
    append(folder, "olist_orders_dataset.csv", [
        {},  # an exact duplicate of the first order
        {"order_status": "canceled"},  # a conflicting duplicate: the first row wins
        {"order_id": "dirty0000000000000000000000000001", "order_purchase_timestamp": "2017"},
        {"order_id": "dirty0000000000000000000000000002", "order_approved_at": "2017-10"},
        {"order_id": "dirty0000000000000000000000000003", "order_purchase_timestamp": "2017-10-2 1:5:3"},
        {"order_id": f"{NBSP}dirty0000000000000000000000000004{NBSP}"},
        {"order_id": ""},
    ])
    append(folder, "olist_order_items_dataset.csv", [
        {"order_item_id": "1.5", "order_id": "dirty0000000000000000000000000003"},
        {"order_item_id": "1e1", "order_id": "dirty0000000000000000000000000003"},
        {"order_item_id": "3", "order_id": "dirty0000000000000000000000000003", "price": "12.345", "freight_value": " 3.5 "},
        {"order_item_id": "4", "order_id": "dirty0000000000000000000000000003", "price": "12.5d"},
        {"order_item_id": "5", "order_id": "dirty0000000000000000000000000003", "price": "-1.00"},
        {"order_item_id": "6", "order_id": "dirty0000000000000000000000000003", "shipping_limit_date": "2018"},
    ])
    append(folder, "olist_geolocation_dataset.csv", [
        {"geolocation_lat": "-23.5d"},
        {"geolocation_lng": "abc"},
        {"geolocation_zip_code_prefix": "1037", "geolocation_city": f"{NBSP}São Paulo "},
    ])
    append(folder, "olist_customers_dataset.csv", [
        {"customer_id": f"{NBSP}{NBSP}"},
        {"customer_unique_id": ""},
    ])
    append(folder, "olist_order_reviews_dataset.csv", [
        {"review_id": "dirty0000000000000000000000000001", "review_score": "4.0"},
        {"review_id": "dirty0000000000000000000000000002", "review_score": "5.5"},
        {"review_id": "dirty0000000000000000000000000003", "review_creation_date": "2018-01"},
    ])
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
