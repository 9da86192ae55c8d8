import { useEffect, useState } from 'react';
import type { Table } from 'apache-arrow';
import { ArrowGrid } from '../tables/ArrowGrid';
import { maskPiiColumns, type Mask, type MaskedTable } from './maskPii';

interface Props {
  data: Table;
  label: string;
  mask: Mask;
  /** DuckDB's column types, shown under the names; masked columns say so instead. */
  columnTypes?: Record<string, string>;
}

/** ArrowGrid over a copy of `data` whose personal-data columns are masked (maskPii.ts). */
export function MaskedGrid({ data, label, mask, columnTypes }: Props) {
  const [masked, setMasked] = useState<MaskedTable & { source: Table }>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let current = true;
    maskPiiColumns(data, mask).then(
      (m) => current && setMasked({ ...m, source: data }),
      (e: Error) => current && setError(e.message),
    );
    return () => {
      current = false;
    };
  }, [data, mask]);
  if (error) return <p className="error" role="alert">The rows could not be masked, so they are not shown: {error}</p>;
  // Never the unmasked rows, not even for a moment while new ones are masked.
  if (!masked || masked.source !== data) return <p className="hint">Masking personal data…</p>;
  const types = { ...columnTypes, ...Object.fromEntries([...masked.masked].map(([name, kind]) => [name, `masked · ${kind}`])) };
  return (
    <div className="masked-grid" data-masked-columns={[...masked.masked.keys()].join(' ')}>
      <ArrowGrid data={masked.table} label={label} columnTypes={types} />
    </div>
  );
}
