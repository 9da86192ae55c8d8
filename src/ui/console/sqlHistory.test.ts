import { describe, expect, it } from 'vitest';
import { HISTORY_KEY, HISTORY_SIZE, readHistory, remember, writeHistory } from './sqlHistory';

function memoryStorage(initial?: string) {
  const data = new Map<string, string>(initial === undefined ? [] : [[HISTORY_KEY, initial]]);
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

describe('SQL history', () => {
  it('keeps the most recent first, without repeats, at most 50', () => {
    let history: string[] = [];
    for (let i = 0; i < 60; i++) history = remember(history, `SELECT ${i}`);
    history = remember(history, '  SELECT 55 ');
    expect(history).toHaveLength(HISTORY_SIZE);
    expect(history.slice(0, 3)).toEqual(['SELECT 55', 'SELECT 59', 'SELECT 58']);
    expect(remember(history, '   ')).toEqual(history);
  });

  it('round-trips through storage and survives what another version left there', () => {
    const storage = memoryStorage();
    writeHistory(['SELECT 1', 'SELECT 2'], storage);
    expect(readHistory(storage)).toEqual(['SELECT 1', 'SELECT 2']);
    expect(readHistory(memoryStorage('{not json'))).toEqual([]);
    expect(readHistory(memoryStorage('{"a":1}'))).toEqual([]);
    expect(readHistory(memoryStorage('["SELECT 1", 7, null]'))).toEqual(['SELECT 1']);
  });
});
