import { launchChromium, startServer } from './bench/chromium';
const port = '4391';
const server = await startServer(port, process.argv[2]);
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  page.on('console', (m) => console.log('console:', m.type(), m.text().slice(0, 300)));
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  page.on('worker', (w) => { console.log('worker:', w.url().slice(-60)); });
  const origin = `http://127.0.0.1:${port}`;
  await page.goto(origin + '/');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: Number(process.argv[3] ?? 65536) });
  await page.reload();
  await page.waitForTimeout(15000);
  console.log('BODY:', (await page.locator('body').innerText()).slice(0, 1500));
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Try the demo' }).click();
  for (let i = 0; i < 6; i++) {
    await page.waitForTimeout(3000);
    const alerts = await page.getByRole('alert').allTextContents();
    const status = await page.locator('[data-testid="saved-notice"]').allTextContents();
    console.log(`${Math.round((Date.now() - t0) / 1000)} s: alerts=${JSON.stringify(alerts).slice(0, 400)} saved=${JSON.stringify(status)}`);
  }
  console.log('END BODY:', (await page.locator('body').innerText()).slice(0, 2500));
  await page.screenshot({ path: '/tmp/quota.png' });
} finally {
  await browser.close();
  server.kill();
}
