import { describe, expect, it } from 'vitest';
import { loadAllowedOrigins } from './embedConfig';

describe('loadAllowedOrigins', () => {
  it('keeps exact origins and drops anything else', async () => {
    const json = { allowedOrigins: ['https://portal.example', '*', 'https://*.example', 'https://a.example/', 'javascript:alert(1)', 5, 'http://127.0.0.1:4335'] };
    expect(await loadAllowedOrigins(async () => json)).toEqual(['https://portal.example', 'http://127.0.0.1:4335']);
  });

  it('allows nobody else when the file has no list', async () => {
    expect(await loadAllowedOrigins(async () => ({}))).toEqual([]);
    expect(await loadAllowedOrigins(async () => null)).toEqual([]);
  });
});
