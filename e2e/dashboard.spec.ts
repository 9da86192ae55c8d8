import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { CHART_IDS } from '../src/lakehouse/dashboard/chartId';
import { expect, openApp, shownRows, test } from './support/fixtures';

/*
 * The gold dashboard on the demo data: every chart drawn from the worker's numbers, which
 * must match the gold tables as the Tables view previews them; cross-filtering by click,
 * select box and URL; chips and Clear; image downloads; view data.
 * Numbers are read from the marks' aria-labels (what a screen reader hears), e.g.
 * "SP: revenue R$ 618,565.12, 4,054 orders, 3,910 customers".
 */

const CHART_COUNT = CHART_IDS.length;

/** Opens the app (query string included), runs the demo and waits for every chart to show the filter's rows. */
async function openDashboard(page: Page, query = '?view=dashboard', key = ''): Promise<void> {
  await openApp(page, query);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await expectRendered(page, key, 120_000);
}

/** Waits until every chart has drawn the rows of the filter whose key (query string) is `key`. */
async function expectRendered(page: Page, key: string, timeout?: number): Promise<void> {
  await expect(page.locator(`[data-chart] .vega-chart[data-rendered-key="${key}"]`)).toHaveCount(CHART_COUNT, { timeout });
}

const chart = (page: Page, id: string): Locator => page.getByTestId(`chart-${id}`);

/** The aria-labels of a chart's data marks (axes, legends and repeated labels have none or are hidden). */
const markLabels = (page: Page, id: string): Promise<string[]> => chart(page, id).locator('svg path[aria-label]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!));

const number = (text: string) => Number(text.replaceAll(',', ''));

/** Pulls numbers out of every mark label with a pattern; the groups become the fields named. */
async function marks<K extends string>(page: Page, id: string, pattern: RegExp, names: K[]): Promise<Record<K, string>[]> {
  const labels = await markLabels(page, id);
  return labels.map((label) => {
    const match = pattern.exec(label);
    if (!match) throw new Error(`${id}: "${label}" does not match ${pattern}`);
    return Object.fromEntries(names.map((n, i) => [n, match[i + 1]!])) as Record<K, string>;
  });
}

const STATE = /^(\w+): revenue R\$ ([\d,.]+), ([\d,]+) orders, ([\d,]+) customers$/;
const LOCATION = /^(\w+): revenue R\$ ([\d,.]+), ([\d,]+) orders, around ([\d.]+)° S ([\d.]+)° W$/;
const MONTH = /^(\w+ \d{4}): revenue R\$ ([\d,.]+), ([\d,]+) orders$/;
const CATEGORY = /^(.+): revenue R\$ ([\d,.]+), ([\d,]+) orders, ([\d,]+) items$/;
// d3-format writes negatives with a real minus sign (U+2212).
const DELIVERY = /^(\w+): ([\d.]+)% on time, average delay ([-+\u2212][\d.]+) days, ([\d,]+) deliveries$/;
const DELAY = /^(.+) days vs estimate: ([\d,]+) orders, [\d.]+%$/;
const RFM = /^(.+), share of (customers|revenue): [\d.]+% \(([\d,]+) customers, revenue R\$ ([\d,.]+)\)$/;
const CLV = /^CLV R\$ (.+): ([\d,]+) customers, [\d.]+%$/;
const SEGMENT = /^(.+) customers, (\w+) order value: ([\d,]+) customers, [\d.]+%$/;

const total = (rows: Record<string, string>[], field: string) => rows.reduce((n, r) => n + number(r[field]!), 0);
const cents = (n: number) => Math.round(n * 100);

/** A gold table's rows as the Tables view previews them (every gold table here has fewer than 100 rows). */
async function goldPreview(page: Page, table: string): Promise<Record<string, string>[]> {
  await page.getByRole('tab', { name: 'Tables' }).click();
  await page.getByTestId(`table-gold.${table}`).click();
  await expect(page.getByRole('heading', { name: new RegExp(`gold\\.${table}`) })).toBeVisible();
  const headers = await page.locator('.preview th .col-name').allTextContents();
  const cells = await page.locator('.preview tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  return cells.map((row) => Object.fromEntries(headers.map((h, i) => [h, row[i]!])));
}

test('every chart shows the numbers of the gold tables', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  await openDashboard(page);
  await expect(page.getByRole('tablist', { name: 'Views' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Dashboard' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Dashboard' })).toBeVisible();
  // Regression: Vega redoes its 'fit' layout only when asked, so rows arriving after the
  // first (empty) render left axis labels and titles overflowing the SVG, clipped, until
  // a window resize. Checked before any resize (a full-page screenshot resizes).
  for (const id of CHART_IDS) {
    const overflow = await chart(page, id).locator('svg').first().evaluate((svg) => {
      const box = svg.getBoundingClientRect();
      const texts = [...svg.querySelectorAll('text')].map((t) => t.getBoundingClientRect()).filter((b) => b.width > 0);
      return Math.max(0, ...texts.map((b) => Math.max(b.bottom - box.bottom, b.right - box.right, box.top - b.top, box.left - b.left)));
    });
    expect(overflow, `${id}: text outside its SVG by ${overflow}px`).toBeLessThanOrEqual(1);
  }
  await page.screenshot({ path: 'test-results/dashboard.png', fullPage: true });

  const states = await marks(page, 'revenueByState', STATE, ['state', 'revenue', 'orders', 'customers']);
  const months = await marks(page, 'revenueMonthly', MONTH, ['month', 'revenue', 'orders']);
  const categories = await marks(page, 'revenueByCategory', CATEGORY, ['label', 'revenue', 'orders', 'items']);
  const delivery = await marks(page, 'deliveryByState', DELIVERY, ['state', 'onTime', 'delay', 'orders']);
  const delays = await marks(page, 'delayHistogram', DELAY, ['label', 'orders']);
  const rfm = await marks(page, 'rfmSegments', RFM, ['segment', 'of', 'customers', 'revenue']);
  const clv = await marks(page, 'clvHistogram', CLV, ['range', 'customers']);
  const segments = await marks(page, 'customerSegments', SEGMENT, ['frequency', 'aov', 'customers']);
  const points = await marks(page, 'revenueByLocation', LOCATION, ['state', 'revenue', 'orders', 'south', 'west']);

  // Revenue by state: one bar per row of gold.revenue_by_state, with its numbers.
  const byState = await goldPreview(page, 'revenue_by_state');
  expect(states).toHaveLength(byState.length);
  for (const gold of byState) {
    const bar = states.find((s) => s.state === gold.customer_state);
    expect(bar, gold.customer_state).toBeDefined();
    expect(cents(number(bar!.revenue)), `${gold.customer_state} revenue`).toBe(cents(Number(gold.revenue)));
    expect(number(bar!.orders)).toBe(Number(gold.orders));
    expect(number(bar!.customers)).toBe(Number(gold.customers));
  }
  const revenue = total(byState, 'revenue');
  const orders = total(byState, 'orders');

  // Location: points inside Brazil, each state's points at most its revenue (customers without a location are off the map), most of it on it.
  expect(points.length).toBeGreaterThan(byState.length);
  for (const p of points) {
    expect(number(p.south)).toBeGreaterThan(-6);
    expect(number(p.south)).toBeLessThan(34);
    expect(number(p.west)).toBeGreaterThan(34);
    expect(number(p.west)).toBeLessThan(74);
  }
  for (const gold of byState) {
    const onMap = total(points.filter((p) => p.state === gold.customer_state), 'revenue');
    expect(cents(onMap), `${gold.customer_state} on the map`).toBeLessThanOrEqual(cents(Number(gold.revenue)));
  }
  expect(total(points, 'revenue')).toBeGreaterThan(0.9 * revenue);

  // Monthly: one bar per month of gold.revenue_monthly; it and the category bars add up to the same total.
  const monthly = await goldPreview(page, 'revenue_monthly');
  expect(months).toHaveLength(monthly.length);
  expect(cents(total(months, 'revenue'))).toBe(cents(revenue));
  expect(total(months, 'orders')).toBe(orders);
  expect(categories.length).toBeGreaterThan(5);
  expect(cents(total(categories, 'revenue'))).toBe(cents(revenue));

  // Delivery: one point per row of gold.delivery_by_state, its on-time rate; the histogram counts those deliveries.
  const deliveryByState = await goldPreview(page, 'delivery_by_state');
  expect(delivery).toHaveLength(deliveryByState.length);
  for (const gold of deliveryByState) {
    const point = delivery.find((d) => d.state === gold.customer_state);
    expect(point?.onTime, gold.customer_state).toBe((Number(gold.on_time_rate) * 100).toFixed(1));
  }
  expect(delays.length).toBeGreaterThan(10);
  expect(total(delays, 'orders')).toBe(total(deliveryByState, 'orders'));

  // Customers: every customer of gold.customer_ltv in each customer chart, once.
  await page.getByRole('tab', { name: 'Tables' }).click();
  const customers = await shownRows(page, 'gold.customer_ltv');
  expect(rfm).toHaveLength(14);
  expect(total(rfm.filter((r) => r.of === 'customers'), 'customers')).toBe(customers);
  expect(cents(total(rfm.filter((r) => r.of === 'revenue'), 'revenue'))).toBe(cents(revenue - total(byState.filter((s) => s.customer_state === 'unknown'), 'revenue')));
  expect(total(clv, 'customers')).toBe(customers);
  // Nine cells at most (an empty one has no mark); buying once is common in every order-value band.
  expect(segments.length).toBeLessThanOrEqual(9);
  expect(segments.filter((s) => s.frequency === 'one-time').map((s) => s.aov)).toEqual(['low', 'mid', 'high']);
  expect(total(segments, 'customers')).toBe(await shownRows(page, 'gold.customer_segments'));
});

test('clicking a state filters the other charts; a chip and a second click remove the filter', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  await openDashboard(page);
  const before = await marks(page, 'revenueByState', STATE, ['state', 'revenue', 'orders', 'customers']);
  const allMonths = await marks(page, 'revenueMonthly', MONTH, ['month', 'revenue', 'orders']);
  const allDelays = await marks(page, 'delayHistogram', DELAY, ['label', 'orders']);
  // The second-largest state, so that the filtered numbers are clearly not the totals.
  const state = before[1]!;

  await chart(page, 'revenueByState').locator(`svg path[aria-label^="${state.state}:"]`).click();
  await expect(page).toHaveURL(new RegExp(`[?&]state=${state.state}(&|$)`));
  await expectRendered(page, `state=${state.state}`);
  await expect(page.getByRole('button', { name: `Remove filter State: ${state.state}` })).toBeVisible();
  await expect(page.getByTestId('filter-customerState')).toHaveValue(state.state);

  // The other charts now show the state's numbers: they add up to its bar.
  const months = await marks(page, 'revenueMonthly', MONTH, ['month', 'revenue', 'orders']);
  expect(cents(total(months, 'revenue'))).toBe(cents(number(state.revenue)));
  expect(total(months, 'orders')).toBe(number(state.orders));
  expect(total(months, 'orders')).toBeLessThan(total(allMonths, 'orders'));
  expect(cents(total(await marks(page, 'revenueByCategory', CATEGORY, ['label', 'revenue', 'orders', 'items']), 'revenue'))).toBe(cents(number(state.revenue)));
  const rfm = await marks(page, 'rfmSegments', RFM, ['segment', 'of', 'customers', 'revenue']);
  expect(cents(total(rfm.filter((r) => r.of === 'revenue'), 'revenue'))).toBe(cents(number(state.revenue)));
  expect(total(await marks(page, 'customerSegments', SEGMENT, ['frequency', 'aov', 'customers']), 'customers')).toBe(number(state.customers));
  expect(total(await marks(page, 'clvHistogram', CLV, ['range', 'customers']), 'customers')).toBe(number(state.customers));
  const delays = await marks(page, 'delayHistogram', DELAY, ['label', 'orders']);
  const deliveries = (await marks(page, 'deliveryByState', DELIVERY, ['state', 'onTime', 'delay', 'orders'])).find((d) => d.state === state.state)!;
  expect(total(delays, 'orders')).toBe(number(deliveries.orders));
  expect(total(delays, 'orders')).toBeLessThan(total(allDelays, 'orders'));

  // The state chart keeps every state, the chosen one at full strength and outlined, the others faded.
  expect(await markLabels(page, 'revenueByState')).toHaveLength(before.length);
  const chosen = chart(page, 'revenueByState').locator(`svg path[aria-label^="${state.state}:"]`);
  await expect(chosen).toHaveAttribute('opacity', '1');
  await expect(chosen).toHaveAttribute('stroke-width', '2');
  await expect(chart(page, 'revenueByState').locator(`svg path[aria-label^="${before[0]!.state}:"]`)).toHaveAttribute('opacity', '0.3');
  await expect(page.getByRole('status').filter({ hasText: `State: ${state.state}` })).toBeVisible();
  await page.screenshot({ path: 'test-results/dashboard-state-filter.png', fullPage: true });

  // The chip removes it (by keyboard here), and the charts are back to all orders.
  await page.getByRole('button', { name: `Remove filter State: ${state.state}` }).focus();
  await page.keyboard.press('Enter');
  await expectRendered(page, '');
  await expect(page).not.toHaveURL(/state=/);
  expect(total(await marks(page, 'revenueMonthly', MONTH, ['month', 'revenue', 'orders']), 'orders')).toBe(total(allMonths, 'orders'));

  // A second click on the chosen bar removes the filter too.
  const bar = chart(page, 'revenueByState').locator(`svg path[aria-label^="${state.state}:"]`);
  await bar.click();
  await expectRendered(page, `state=${state.state}`);
  await bar.click();
  await expectRendered(page, '');
  await expect(page.getByRole('button', { name: /Remove filter/ })).toHaveCount(0);

  // A point on the location chart filters by its state too, and keeps every point, its state's outlined.
  const largest = (await marks(page, 'revenueByLocation', LOCATION, ['state', 'revenue', 'orders', 'south', 'west']))[0]!;
  const allPoints = await markLabels(page, 'revenueByLocation');
  await chart(page, 'revenueByLocation').locator('svg path[aria-label]').first().click();
  await expect(page).toHaveURL(new RegExp(`[?&]state=${largest.state}(&|$)`));
  await expectRendered(page, `state=${largest.state}`);
  expect(await markLabels(page, 'revenueByLocation')).toEqual(allPoints);
  await expect(chart(page, 'revenueByLocation').locator('svg path[aria-label]').first()).toHaveAttribute('stroke-width', '2');
});

test('clicking a month and a category, and the select boxes, combine filters; Clear removes them all', async ({ page }) => {
  await openDashboard(page);
  const months = await marks(page, 'revenueMonthly', MONTH, ['month', 'revenue', 'orders']);
  const busiest = months.reduce((a, b) => (number(b.orders) > number(a.orders) ? b : a));
  await chart(page, 'revenueMonthly').locator(`svg path[aria-label^="${busiest.month}:"]`).click();
  const monthValue = new Date(`${busiest.month} UTC`).toISOString().slice(0, 8) + '01';
  await expectRendered(page, `month=${monthValue}`);
  await expect(page.getByRole('button', { name: /^Remove filter Month: / })).toBeVisible();
  // The state bars now add up to the month.
  const states = await marks(page, 'revenueByState', STATE, ['state', 'revenue', 'orders', 'customers']);
  expect(cents(total(states, 'revenue'))).toBe(cents(number(busiest.revenue)));

  // A category bar adds a second filter; the month and state charts then show that category in that month.
  const categories = await marks(page, 'revenueByCategory', CATEGORY, ['label', 'revenue', 'orders', 'items']);
  const category = categories[0]!;
  await chart(page, 'revenueByCategory').locator('svg path[aria-label]').first().click();
  const key = `category=${encodeURIComponent(category.label).replaceAll('%20', '+')}&month=${monthValue}`;
  await expectRendered(page, key);
  const monthBar = (await marks(page, 'revenueMonthly', MONTH, ['month', 'revenue', 'orders'])).find((m) => m.month === busiest.month)!;
  expect(cents(number(monthBar.revenue))).toBe(cents(number(category.revenue)));
  expect(cents(total(await marks(page, 'revenueByState', STATE, ['state', 'revenue', 'orders', 'customers']), 'revenue'))).toBe(cents(number(category.revenue)));

  // The select boxes set the same filter (the keyboard and screen-reader way in).
  const state = states[0]!.state;
  await page.getByTestId('filter-customerState').selectOption(state);
  await expectRendered(page, `state=${state}&${key}`);
  for (const param of [`state=${state}`, `category=${category.label}`, `month=${monthValue}`]) await expect(page).toHaveURL(new RegExp(`[?&]${param}(&|$)`));
  await expect(page.getByRole('button', { name: /^Remove filter/ })).toHaveCount(3);

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expectRendered(page, '');
  await expect(page.getByRole('button', { name: /^Remove filter/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Clear filters' })).toBeDisabled();
  await expect(page.getByTestId('filter-month')).toHaveValue('');
});

test('a link with the view and filters reopens them', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  await openDashboard(page, '?view=dashboard&state=SP&month=2017-11-01', 'state=SP&month=2017-11-01');
  await expect(page.getByRole('tab', { name: 'Dashboard' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('filter-customerState')).toHaveValue('SP');
  await expect(page.getByTestId('filter-month')).toHaveValue('2017-11-01');
  await expect(page.getByRole('button', { name: 'Remove filter State: SP' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove filter Month: Nov 2017' })).toBeVisible();
  // SP in November 2017, two ways: the month's bar on the (state-filtered) monthly chart,
  // and the sum of the (state- and month-filtered) category bars.
  const november = (await marks(page, 'revenueMonthly', MONTH, ['month', 'revenue', 'orders'])).find((m) => m.month === 'November 2017')!;
  expect(number(november.orders)).toBeGreaterThan(0);
  const categories = await marks(page, 'revenueByCategory', CATEGORY, ['label', 'revenue', 'orders', 'items']);
  expect(cents(total(categories, 'revenue'))).toBe(cents(number(november.revenue)));
  await expect(chart(page, 'revenueMonthly').locator('svg path[aria-label^="November 2017:"]')).toHaveAttribute('opacity', '1');
  await expect(chart(page, 'revenueMonthly').locator('svg path[aria-label^="October 2017:"]')).toHaveAttribute('opacity', '0.3');
  await page.screenshot({ path: 'test-results/dashboard-from-link.png', fullPage: true });

  // Tabs: arrow keys move between them, and the URL follows.
  await page.getByRole('tab', { name: 'Dashboard' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Tables' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Tables' })).toBeFocused();
  await expect(page).not.toHaveURL(/view=dashboard/);
  await expect(page).toHaveURL(/state=SP/);
  await page.keyboard.press('ArrowRight');
  await expectRendered(page, 'state=SP&month=2017-11-01');
  await expect(page).toHaveURL(/view=dashboard/);
});

test('view data shows the rows behind a chart, and the downloads are images', async ({ page }) => {
  await openDashboard(page);
  const card = chart(page, 'revenueByState');
  const bars = await markLabels(page, 'revenueByState');
  await card.getByRole('button', { name: 'View data' }).click();
  await expect(card.getByRole('button', { name: 'Hide data' })).toHaveAttribute('aria-expanded', 'true');
  await expect(card.locator('.chart-data th .col-name')).toHaveText(['customer_state', 'revenue', 'orders', 'customers']);
  await expect(card.locator('.chart-data tbody tr')).toHaveCount(bars.length);
  const [state, revenue] = await card.locator('.chart-data tbody tr').first().locator('td').allTextContents();
  expect(bars[0]).toContain(`${state}: revenue R$ ${Number(revenue).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
  await card.getByText('SQL', { exact: true }).click();
  // A click reads the chart's pre-aggregated index, never the row-level tables.
  await expect(card.locator('.chart-sql').first()).toContainText('FROM dashboard.index_revenue_by_state');
  // The dashboard's working tables are shown with how they are built from gold.
  await card.getByText('How the dashboard tables are built').click();
  await expect(card.locator('.chart-sql').nth(1)).toContainText('FROM gold.order_facts');

  for (const id of ['revenueByState', 'customerSegments']) {
    const png = await download(page, chart(page, id).getByRole('button', { name: 'Download PNG' }));
    expect(png.name).toMatch(/\.png$/);
    expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // Twice the on-screen size: the PNG's IHDR width is the SVG's width × 2.
    const width = Number(await chart(page, id).locator('svg').first().getAttribute('width'));
    expect(png.bytes.readUInt32BE(16)).toBe(width * 2);
    const svg = await download(page, chart(page, id).getByRole('button', { name: 'Download SVG' }));
    expect(svg.name).toMatch(/\.svg$/);
    const text = svg.bytes.toString('utf8');
    expect(text).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).toContain('aria-label');
  }
});

async function download(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

test('a filter that matches nothing says so, and a state from a link that the data lacks stays selectable', async ({ page }) => {
  // A made-up state with a quote in it: it reaches DuckDB as a literal, matches no order.
  await openDashboard(page, `?view=dashboard&state=${encodeURIComponent("Z'Z")}`, `state=${encodeURIComponent("Z'Z").replaceAll("'", '%27')}`);
  await expect(page.getByTestId('filter-customerState')).toHaveValue("Z'Z");
  for (const id of ['revenueByCategory', 'revenueMonthly', 'delayHistogram', 'rfmSegments', 'clvHistogram', 'customerSegments']) {
    await expect(chart(page, id).getByText('Nothing to show under these filters.')).toBeVisible();
    expect(await markLabels(page, id), id).toEqual([]);
  }
  // The state charts ignore their own filter: they still show every state to pick from.
  expect((await markLabels(page, 'revenueByState')).length).toBeGreaterThan(10);
  await expect(chart(page, 'revenueByState').getByText('Nothing to show under these filters.')).toHaveCount(0);
  await page.getByRole('button', { name: "Remove filter State: Z'Z" }).click();
  await expectRendered(page, '');
  await expect(chart(page, 'revenueMonthly').getByText('Nothing to show under these filters.')).toHaveCount(0);
});
