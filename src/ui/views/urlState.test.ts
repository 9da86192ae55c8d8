import { describe, expect, it } from 'vitest';
import { filterKey, readUrlState, writeUrlState } from './urlState';

describe('URL state', () => {
  it('reads the view and the filters', () => {
    expect(readUrlState('?view=dashboard&state=SP&category=bed_bath_table&month=2017-11-01')).toEqual({
      view: 'dashboard',
      filter: { customerState: 'SP', category: 'bed_bath_table', month: '2017-11-01' },
    });
  });

  it('falls back to the tables view and no filter', () => {
    expect(readUrlState('')).toEqual({ view: 'tables', filter: {} });
    expect(readUrlState('?view=nope&state=')).toEqual({ view: 'tables', filter: {} });
  });

  it('writes them back, keeping other parameters and dropping cleared filters', () => {
    const search = writeUrlState('?bundle=eh&state=RJ', { view: 'dashboard', filter: { customerState: 'SP', category: 'cama & mesa' } });
    expect(search).toBe('?bundle=eh&state=SP&view=dashboard&category=cama+%26+mesa');
    expect(readUrlState(search)).toEqual({ view: 'dashboard', filter: { customerState: 'SP', category: 'cama & mesa' } });
    expect(writeUrlState(search, { view: 'tables', filter: {} })).toBe('?bundle=eh');
  });

  it('gives a filter a stable key', () => {
    expect(filterKey({})).toBe('');
    expect(filterKey({ month: '2017-03-01', customerState: 'SP' })).toBe('state=SP&month=2017-03-01');
  });
});
