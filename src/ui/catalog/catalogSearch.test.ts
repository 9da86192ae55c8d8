import { describe, expect, it } from 'vitest';
import type { CatalogTable } from '../../lakehouse/catalog/catalog';
import { searchCatalog } from './catalogSearch';

const table = (layer: CatalogTable['layer'], name: string, columns: [string, string, string?][], description?: string): CatalogTable => ({
  layer,
  name,
  rows: 1,
  description,
  key: [],
  files: [],
  columns: columns.map(([n, type, pii]) => ({ name: n, type, lineage: false, ...(pii ? { pii: pii as never } : {}) })),
});

const TABLES = [
  table('gold', 'rfm', [['customer_unique_id', 'VARCHAR', 'customer id'], ['monetary', 'DECIMAL(12,2)']], 'RFM scores and segments'),
  table('silver', 'customers', [['customer_city', 'VARCHAR', 'city'], ['customer_state', 'VARCHAR']]),
];

describe('searchCatalog', () => {
  it('finds everything for an empty search', () => {
    expect(searchCatalog(TABLES, '  ').map((m) => m.columns.length)).toEqual([2, 2]);
  });

  it('shows every column of a table that matches, and only the matching columns otherwise', () => {
    expect(searchCatalog(TABLES, 'segments').map((m) => [m.table.name, m.tableMatches, m.columns.length])).toEqual([['rfm', true, 2]]);
    expect(searchCatalog(TABLES, 'city').map((m) => [m.table.name, m.columns.map((c) => c.name)])).toEqual([['customers', ['customer_city']]]);
  });

  it('matches every word, across table and column, and PII tags', () => {
    expect(searchCatalog(TABLES, 'gold decimal').map((m) => m.columns.map((c) => c.name))).toEqual([['monetary']]);
    expect(searchCatalog(TABLES, 'pii').flatMap((m) => m.columns.map((c) => `${m.table.name}.${c.name}`))).toEqual(['rfm.customer_unique_id', 'customers.customer_city']);
    expect(searchCatalog(TABLES, 'nothing-like-this')).toEqual([]);
  });
});
