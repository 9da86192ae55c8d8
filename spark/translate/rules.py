"""The rules that turn the DuckDB SQL of our models into Spark SQL with the same results.

Every construct a model uses (a function, a cast, a clause) is either listed in SAME_IN_SPARK
(Spark computes the same value from the same SQL, after SQLGlot's ordinary DuckDB -> Spark
rendering) or handled by exactly one rule in RULES. A construct in neither fails the
translation, naming the model and the construct (translate.py), so a model cannot reach
Spark with a function whose meaning differs there. Each rule says why it is needed; the
semantic differences are documented in spark/README.md.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from sqlglot import exp, transforms

Transform = Callable[[exp.Expression], exp.Expression]


def construct(node: exp.Expression) -> str | None:
    """The name of the construct a node is, or None for plain SQL structure (select, join, …)."""
    if isinstance(node, exp.Anonymous):
        return f"{node.name.lower()}()"
    if isinstance(node, exp.TryCast):
        return f"TRY_CAST AS {node.to.sql('duckdb')}"
    if isinstance(node, exp.Cast):
        return f"CAST AS {node.to.sql('duckdb')}"
    if isinstance(node, exp.Trim):
        return "trim(text, characters)" if node.expression else "trim()"
    # AND, OR, CASE and its WHEN branches are Funcs in SQLGlot's tree, but plain SQL here.
    if isinstance(node, exp.Func) and not isinstance(node, (exp.Connector, exp.Case, exp.If)):
        return f"{node.sql_name().lower()}()"
    if isinstance(node, exp.Group) and node.args.get("all"):
        return "GROUP BY ALL"
    if isinstance(node, exp.CTE) and node.args.get("materialized") is not None:
        return "WITH … AS [NOT] MATERIALIZED"
    simple = {
        exp.Qualify: "QUALIFY",
        exp.Glob: "GLOB",
        exp.Div: "/",
        exp.Ordered: "ORDER BY",
        exp.Tuple: "row value (a, b)",
        exp.DPipe: "||",
        exp.Filter: "FILTER (WHERE …)",
    }
    return simple.get(type(node))


# Constructs Spark evaluates exactly as DuckDB does, with why where it is not obvious.
SAME_IN_SPARK: dict[str, str] = {
    "nullif()": "", "coalesce()": "", "concat_ws()": "skips NULL arguments in both",
    "lower()": "", "upper()": "", "pad()": "lpad counts characters and truncates in both",
    "count()": "", "sum()": "DECIMAL sums are exact in both", "min()": "", "max()": "",
    "avg()": "DOUBLE; sums of doubles may differ in the last bits by summation order",
    "least()": "", "greatest()": "", "row_number()": "", "chr()": "", "day()": "",
    "ntile()": "both give the first n mod k buckets one row more",
    "logical_and()": "bool_and", "timestamp_trunc()": "date_trunc(unit, ts)",
    "explode()": "DuckDB unnest of a list in SELECT is explode",
    "map_entries()": "array of struct<key, value> in both",
    "array_agg()": "collect_list; Spark drops NULL elements where DuckDB's list() keeps them: the models only collect struct literals, never NULL", "struct()": "min/max compare structs field by field in both",
    "||": "NULL if either side is NULL in both", "FILTER (WHERE …)": "",
    "trim(text, characters)": "removes any of the characters from both ends in both",
    "CAST AS TEXT": "STRING", "CAST AS DATE": "drops the time of a TIMESTAMP in both",
    "CAST AS INT": "", "CAST AS BIGINT": "", "CAST AS DOUBLE": "",
    "CAST AS DECIMAL(12, 2)": "from exact decimals only", "CAST AS DECIMAL(18, 2)": "from exact decimals only",
    "TRY_CAST AS DECIMAL(12, 2)": "text to decimal: both round half away from zero, both NULL on overflow",
}


@dataclass(frozen=True)
class Rule:
    name: str
    handles: tuple[str, ...]
    why: str
    apply: Transform


def _replace(kind: type | tuple[type, ...], build: Callable[[exp.Expression], exp.Expression | None]) -> Transform:
    def run(tree: exp.Expression) -> exp.Expression:
        def swap(node: exp.Expression) -> exp.Expression:
            if isinstance(node, kind):
                built = build(node)
                if built is not None:
                    return built
            return node
        return tree.transform(swap)
    return run


def sql(text: str) -> exp.Expression:
    """A Spark expression from text, with {0}, {1}… filled in later by fill()."""
    import sqlglot
    return sqlglot.parse_one(text, read="spark")


def fill(template: str, **parts: exp.Expression) -> exp.Expression:
    tree = sql(template)

    def put(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Column) and not node.table and node.name in parts:
            return parts[node.name].copy()
        return node
    return tree.transform(put)


# DuckDB's trim (and our quick_trim, which is trim) removes Unicode space separators (category
# Zs: space, no-break space, ideographic space…) and nothing else; Spark's trim removes only
# the ASCII space. The regex class \p{Zs} is exactly DuckDB's set.
UNICODE_TRIM = "regexp_replace(x, '^\\\\p{Zs}+|\\\\p{Zs}+$', '')"


def _trim(node: exp.Expression) -> exp.Expression | None:
    if isinstance(node, exp.Trim) and node.expression is not None:
        return None
    arg = node.this if isinstance(node, exp.Trim) else node.expressions[0]
    return fill(UNICODE_TRIM, x=arg)


def _quick_trim(node: exp.Anonymous) -> exp.Expression | None:
    return fill(UNICODE_TRIM, x=node.expressions[0]) if node.name.lower() == "quick_trim" else None


def _try_cast(node: exp.TryCast) -> exp.Expression | None:
    target = node.to.sql("duckdb")
    x = node.this
    if target == "INT":
        # DuckDB's text -> INTEGER accepts '1.5' (rounding half away from zero, as Spark's round)
        # and '1e2'; Spark's try_cast takes only integer text, so decimals go through DOUBLE.
        return fill("coalesce(try_cast(x AS INT), try_cast(round(try_cast(x AS DOUBLE)) AS INT))", x=x)
    if target == "DOUBLE":
        # Java's parser, behind Spark's cast, accepts a type suffix ('1.5d', '2f'); DuckDB does not.
        # (Infinity and NaN are accepted by both.)
        return fill("CASE WHEN x RLIKE '[0-9.][dDfF]\\\\s*$' THEN NULL ELSE try_cast(x AS DOUBLE) END", x=x)
    if target == "TIMESTAMP":
        # Spark also reads '2017' and '2017-10' as timestamps; DuckDB wants at least a full date.
        # The session time zone must be UTC (profiles.yml) so Spark's TIMESTAMP keeps wall-clock time.
        return fill("CASE WHEN x RLIKE '^\\\\s*[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}' THEN try_cast(x AS TIMESTAMP) END", x=x)
    return None


def _date_diff(node: exp.DateDiff) -> exp.Expression | None:
    unit = (node.unit.name if node.unit else "day").lower()
    if unit != "day":
        return None
    # DuckDB's date_diff('day', a, b) counts midnights between a and b (dates), whatever the
    # times; Spark's datediff(end, start) on DATEs is that count.
    return fill("datediff(CAST(b AS DATE), CAST(a AS DATE))", a=node.expression, b=node.this)


def _epoch(node: exp.TimeToUnix) -> exp.Expression | None:
    inner = node.this.unnest() if isinstance(node.this, exp.Paren) else node.this
    if not isinstance(inner, exp.Sub):
        return None
    # epoch(t1 - t2) in DuckDB: the interval's microseconds / 1e6, as DOUBLE.
    return fill("CAST(unix_micros(a) - unix_micros(b) AS DOUBLE) / 1000000.0", a=inner.this, b=inner.expression)


# DuckDB's quantile_cont (and median) on DOUBLE: RN = (n - 1) * q, lo = v[floor(RN)],
# hi = v[ceil(RN)], result = lo * (1 - d) + hi * d with d = RN - floor(RN). Spark's percentile
# interpolates with a different expression that can differ in the last bit, which moves a
# value sitting on a cut (customer_segments' bands) to the other side; so the exact formula.
QUANTILE = """CASE WHEN count(x) > 0 THEN
  element_at(array_sort(collect_list(x)), CAST(floor((count(x) - 1) * CAST(q AS DOUBLE)) AS INT) + 1)
    * (1.0D - ((count(x) - 1) * CAST(q AS DOUBLE) - floor((count(x) - 1) * CAST(q AS DOUBLE))))
  + element_at(array_sort(collect_list(x)), CAST(ceil((count(x) - 1) * CAST(q AS DOUBLE)) AS INT) + 1)
    * ((count(x) - 1) * CAST(q AS DOUBLE) - floor((count(x) - 1) * CAST(q AS DOUBLE)))
END"""


def _quantile(node: exp.Expression) -> exp.Expression | None:
    if isinstance(node, exp.Median):
        return fill(QUANTILE, x=exp.cast(node.this, "DOUBLE"), q=exp.Literal.number("0.5"))
    if isinstance(node, exp.PercentileCont):
        return fill(QUANTILE, x=exp.cast(node.this, "DOUBLE"), q=node.expression)
    return None


def _histogram(node: exp.Anonymous) -> exp.Expression | None:
    if node.name.lower() != "histogram":
        return None
    # DuckDB's histogram(x): a map from each non-NULL value to its count. Spark has no such
    # aggregate: fold the group's values into a map.
    return fill("""aggregate(collect_list(x), CAST(map() AS MAP<STRING, BIGINT>),
      (acc, v) -> map_concat(map_filter(acc, (k, n) -> k <> v), map(v, coalesce(try_element_at(acc, v), 0L) + 1L)))""",
                x=exp.cast(node.expressions[0], "STRING"))


def _regexp_full_match(node: exp.RegexpFullMatch) -> exp.Expression | None:
    pattern = node.expression
    if not isinstance(pattern, exp.Literal):
        return None
    return exp.RegexpLike(this=node.this, expression=exp.Literal.string(f"^(?:{pattern.this})$"))


def _glob(node: exp.Glob) -> exp.Expression | None:
    pattern = node.expression
    if not isinstance(pattern, exp.Literal):
        return None
    regex, i, text = "^", 0, pattern.this
    while i < len(text):
        c = text[i]
        if c == "*":
            regex += ".*"
        elif c == "?":
            regex += "."
        elif c == "[":
            end = text.index("]", i)
            regex += text[i:end + 1]
            i = end
        else:
            regex += "\\" + c if not c.isalnum() else c
        i += 1
    return exp.RegexpLike(this=node.this, expression=exp.Literal.string(regex + "$"))


def _group_by_all(tree: exp.Expression) -> exp.Expression:
    # GROUP BY ALL: the select items without an aggregate, by position (Spark groups by ordinals).
    for select in tree.find_all(exp.Select):
        group = select.args.get("group")
        if group is None or not group.args.get("all"):
            continue
        positions = [exp.Literal.number(i + 1) for i, e in enumerate(select.expressions) if not e.find(exp.AggFunc)]
        select.set("group", exp.Group(expressions=positions))
    return tree


def _division(node: exp.Div) -> exp.Expression | None:
    # DuckDB's / is always floating-point division (// is integer division); Spark's / on
    # DECIMALs is DECIMAL division with its own rounding. Casting both sides keeps DuckDB's.
    if node.meta.get("double"):
        return None
    div = exp.Div(this=exp.cast(node.this, "DOUBLE"), expression=exp.cast(node.expression, "DOUBLE"))
    div.meta["double"] = True
    return div


def _round(node: exp.Round) -> exp.Expression | None:
    if node.args.get("decimals") is None or node.meta.get("done"):
        return None
    # DuckDB rounds a DOUBLE as round(x * 10^n) / 10^n (1.005 -> 1.00, since 1.005 * 100 is
    # 100.4999…); Spark rounds the shortest decimal text of x half up (1.005 -> 1.01).
    # (The models round only DOUBLEs.)
    out = fill("round(CAST(x AS DOUBLE) * power(10, n), 0) / power(10, n)", x=node.this, n=node.args["decimals"])
    for r in out.find_all(exp.Round):
        r.meta["done"] = True
    for d in out.find_all(exp.Div):
        d.meta["double"] = True
    return out


def _nulls_last(node: exp.Ordered) -> exp.Expression | None:
    # DuckDB sorts NULLs last in both directions; Spark puts them first when ascending.
    if node.meta.get("nulls"):
        return None
    out = node.copy()
    out.set("nulls_first", False)
    out.meta["nulls"] = "last"
    return out


def _hash(node: exp.Anonymous) -> exp.Expression | None:
    if node.name.lower() != "hash":
        return None
    # DuckDB's hash() and Spark's xxhash64() give different numbers for the same values; the
    # models only compare hashes of one run with each other (are two points equal?), which
    # both answer the same way.
    return exp.Anonymous(this="xxhash64", expressions=[e.copy() for e in node.expressions])


def _row_value(node: exp.Tuple) -> exp.Expression | None:
    # A row value (a, b) is a struct; count(DISTINCT (a, b)) counts rows with NULLs too.
    return exp.Struct(expressions=[e.copy() for e in node.expressions])



def _without_materialized(node: exp.Expression) -> exp.Expression:
    """A CTE without DuckDB's hint, which says only whether to hold its rows, never what they are."""
    copy = node.copy()
    copy.set("materialized", None)
    return copy

RULES: list[Rule] = [
    Rule("quick_trim", ("quick_trim()",), "our macro; trims Unicode spaces like DuckDB's trim", _replace(exp.Anonymous, _quick_trim)),
    Rule("trim", ("trim()",), "DuckDB trims Unicode spaces, Spark only the ASCII space", _replace(exp.Trim, _trim)),
    Rule("try_cast_integer", ("TRY_CAST AS INT",), "DuckDB reads '1.5' and '1e2' as integers", _replace(exp.TryCast, lambda n: _try_cast(n) if n.to.sql("duckdb") == "INT" else None)),
    Rule("try_cast_double", ("TRY_CAST AS DOUBLE",), "Spark accepts '1.5d'", _replace(exp.TryCast, lambda n: _try_cast(n) if n.to.sql("duckdb") == "DOUBLE" else None)),
    Rule("try_cast_timestamp", ("TRY_CAST AS TIMESTAMP",), "Spark accepts '2017' and '2017-10'", _replace(exp.TryCast, lambda n: _try_cast(n) if n.to.sql("duckdb") == "TIMESTAMP" else None)),
    Rule("date_diff", ("datediff()",), "day boundaries between two dates", _replace(exp.DateDiff, _date_diff)),
    Rule("epoch", ("time_to_unix()",), "seconds of an interval t1 - t2", _replace(exp.TimeToUnix, _epoch)),
    Rule("quantile_cont", ("percentile_cont()", "median()"), "DuckDB's exact interpolation", _replace((exp.Median, exp.PercentileCont), _quantile)),
    Rule("histogram", ("histogram()",), "no histogram aggregate in Spark", _replace(exp.Anonymous, _histogram)),
    Rule("regexp_full_match", ("regexp_full_match()",), "anchored RLIKE", _replace(exp.RegexpFullMatch, _regexp_full_match)),
    Rule("glob", ("GLOB",), "no GLOB in Spark", _replace(exp.Glob, _glob)),
    Rule("qualify", ("QUALIFY",), "no QUALIFY in Spark 3.5", transforms.eliminate_qualify),
    Rule("group_by_all", ("GROUP BY ALL",), "by ordinals", _group_by_all),
    Rule("division", ("/",), "DuckDB's / is always DOUBLE", _replace(exp.Div, _division)),
    Rule("round", ("round()",), "DuckDB's double rounding", _replace(exp.Round, _round)),
    Rule("nulls_last", ("ORDER BY",), "DuckDB sorts NULLs last", _replace(exp.Ordered, _nulls_last)),
    Rule("hash", ("hash()",), "a row's hash, compared only for equality: xxhash64", _replace(exp.Anonymous, _hash)),
    Rule("cte_materialized", ("WITH … AS [NOT] MATERIALIZED",), "no such hint in Spark, which inlines a CTE at each use", _replace(exp.CTE, _without_materialized)),
    Rule("row_value", ("row value (a, b)",), "a row value is a struct", _replace(exp.Tuple, _row_value)),
]
