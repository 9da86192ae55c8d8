import { quoteIdent, quoteLiteral } from '../../engine/sql';
import type { ExpectationSpec } from './expectationSpec';

/**
 * The query that returns an expectation's failing rows on `table` (layer-qualified and
 * already quoted). An expectation passes when its query returns no row.
 */
export function compileExpectation(spec: ExpectationSpec, table: string): string {
  const list = (arg: string | undefined) => (arg ?? '').split(',').map((c) => c.trim()).filter(Boolean);
  const cols = list(spec.args[0]);
  const need = (ok: boolean) => {
    if (!ok) throw new Error(`expectation ${spec.name}: missing arguments`);
  };
  switch (spec.kind) {
    case 'not_null':
      need(cols.length > 0);
      return `SELECT * FROM ${table} WHERE ${cols.map((c) => `${quoteIdent(c)} IS NULL`).join(' OR ')}`;
    case 'unique': {
      need(cols.length > 0);
      const key = cols.map(quoteIdent).join(', ');
      return `SELECT ${key}, count(*) AS occurrences FROM ${table} GROUP BY ALL HAVING count(*) > 1`;
    }
    case 'accepted_values': {
      const values = list(spec.args[1]);
      need(cols.length === 1 && values.length > 0);
      return `SELECT * FROM ${table} WHERE ${quoteIdent(cols[0])} IS NOT NULL AND ${quoteIdent(cols[0])}::VARCHAR NOT IN (${values.map(quoteLiteral).join(', ')})`;
    }
    case 'relationships': {
      const target = /^(\w+)\.(\w+)\.(\w+)$/.exec(spec.args[1] ?? '');
      need(cols.length === 1 && target !== null);
      const [, layer, other, column] = target!;
      return `SELECT * FROM ${table} AS child WHERE child.${quoteIdent(cols[0])} IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM ${quoteIdent(layer)}.${quoteIdent(other)} AS parent WHERE parent.${quoteIdent(column)} = child.${quoteIdent(cols[0])})`;
    }
    case 'range': {
      need(cols.length === 1);
      const [min, max] = [spec.args[1]?.trim(), spec.args[2]?.trim()];
      const bad = [min ? `${quoteIdent(cols[0])} < ${Number(min)}` : '', max ? `${quoteIdent(cols[0])} > ${Number(max)}` : ''].filter(Boolean);
      need(bad.length > 0 && [min, max].every((v) => !v || Number.isFinite(Number(v))));
      return `SELECT * FROM ${table} WHERE ${bad.join(' OR ')}`;
    }
    case 'row_count_between': {
      const [min, max] = [Number(spec.args[0] || 0), spec.args[1] ? Number(spec.args[1]) : Number.MAX_SAFE_INTEGER];
      need(Number.isFinite(min) && Number.isFinite(max));
      return `SELECT count(*) AS row_count FROM ${table} HAVING count(*) < ${min} OR count(*) > ${max}`;
    }
    case 'sql':
      need(Boolean(spec.args[1]));
      return spec.args[1];
  }
}
