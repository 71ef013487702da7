import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/**
 * The checks every page of the portal must pass (issue 11), for any module's e2e test:
 *  - axe-core finds no serious or critical WCAG 2 A/AA violation;
 *  - at phone width (390 px) the document does not scroll sideways (tables turn into cards,
 *    wide content scrolls inside its own box).
 * Call it on a page that has finished loading; it restores the viewport afterwards.
 */
export async function expectUsable(page: Page, label = page.url()) {
  // colours are judged at rest: a button still fading to its pressed colour is not a contrast failure
  await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; animation: none !important; }' })
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.help}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
  expect(blocking, `accessibility of ${label}`).toEqual([])

  const before = page.viewportSize()
  await page.setViewportSize({ width: 390, height: 844 })
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  if (before) await page.setViewportSize(before)
  expect(overflow, `horizontal overflow at 390 px on ${label}`).toBeLessThanOrEqual(1)
}
