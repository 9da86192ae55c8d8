import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isEmbedRequest, parseEmbedConfig, parseOrigin, readEmbedConfig } from './embedConfig.mjs';
import { contentSecurityPolicy, contentSecurityPolicyFor, embedPageHeaders } from './headers.mjs';

describe('embed allow-list', () => {
  it('takes exact origins only', () => {
    expect(parseOrigin('https://portal.example.com')).toBe('https://portal.example.com');
    expect(parseOrigin('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    for (const bad of ['*', 'https://*.example.com', 'https://portal.example.com/', 'https://portal.example.com/x', 'portal.example.com', 'javascript:alert(1)', "https://a.com 'unsafe-inline'", 'https://u:p@a.com'])
      expect(() => parseOrigin(bad), bad).toThrow(/origin/);
  });

  it('reads the environment first, then embed-config.json, else nothing', () => {
    const root = mkdtempSync(join(tmpdir(), 'embed-config-'));
    try {
      expect(readEmbedConfig(root, {})).toEqual({ allowedOrigins: [] });
      writeFileSync(join(root, 'embed-config.json'), JSON.stringify({ allowedOrigins: ['https://a.example', 'https://a.example', 'http://b.example:81'] }));
      expect(readEmbedConfig(root, {})).toEqual({ allowedOrigins: ['https://a.example', 'http://b.example:81'] });
      expect(readEmbedConfig(root, { EMBED_ALLOWED_ORIGINS: 'https://c.example, https://d.example' })).toEqual({ allowedOrigins: ['https://c.example', 'https://d.example'] });
      expect(readEmbedConfig(root, { EMBED_ALLOWED_ORIGINS: '' })).toEqual({ allowedOrigins: [] });
      writeFileSync(join(root, 'embed-config.json'), JSON.stringify({ allowedOrigins: ['*'] }));
      expect(() => readEmbedConfig(root, {})).toThrow(/"\*" is not an origin/);
      expect(() => parseEmbedConfig({ allowedOrigins: 'https://a.example' })).toThrow(/must be a list/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('marks a request as the embed page by its query', () => {
    expect(isEmbedRequest(new URL('http://x/?embed=dashboard&charts=revenueByState'))).toBe(true);
    expect(isEmbedRequest(new URL('http://x/?view=dashboard'))).toBe(false);
  });
});

describe('framing headers', () => {
  it('lets only the app frame the app', () => {
    expect(contentSecurityPolicy).toContain("frame-ancestors 'self'");
    expect(contentSecurityPolicy).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/);
  });

  it('lets the configured portals frame the embed page, with the same policy otherwise', () => {
    const headers = embedPageHeaders(['https://portal.example.com']);
    expect(headers['Content-Security-Policy']).toBe(contentSecurityPolicyFor(['https://portal.example.com']));
    expect(headers['Content-Security-Policy']).toMatch(/frame-ancestors 'self' https:\/\/portal\.example\.com$/);
    expect(headers['Content-Security-Policy'].replace(/; frame-ancestors.*/, '')).toBe(contentSecurityPolicy.replace(/; frame-ancestors.*/, ''));
    expect(headers['Cross-Origin-Embedder-Policy']).toBe('require-corp');
    expect(headers['Cross-Origin-Resource-Policy']).toBe('cross-origin');
  });
});
