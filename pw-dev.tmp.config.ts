import base from './playwright.config';
import { defineConfig } from '@playwright/test';
export default defineConfig({ ...base, outputDir: '/tmp/shell/pw-out', reporter: 'list', use: { ...base.use, baseURL: 'http://127.0.0.1:4416' }, webServer: { command: 'node scripts/serve.mjs --dir /tmp/shell/dist-dev --port 4416', url: 'http://127.0.0.1:4416/', reuseExistingServer: false, timeout: 30000 } });
