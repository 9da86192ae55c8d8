import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * On a phone-sized screen, a view must not widen the page: wide grids and graphs scroll
 * inside it. The panels above the views are wider than a phone already, so the page's
 * width with the view open is compared with its width on the Tables tab (its list only),
 * and nothing may stick out of the view's own box.
 */
export async function expectViewFitsNarrowScreen(page: Page, tab: string, root: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 800 });
  const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
  await expect.poll(() => page.locator(root).evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  const withView = await pageWidth();
  await page.getByRole('tab', { name: 'Tables' }).click();
  const withTables = await pageWidth();
  await page.getByRole('tab', { name: tab }).click();
  await expect(page.locator(root)).toBeVisible();
  expect(withView).toBeLessThanOrEqual(withTables);
}
