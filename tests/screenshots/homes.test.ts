import { test } from '../e2e/fixtures'
import { login, LOGINS } from '../e2e/fixtures'

const ROLES = ['admin', 'manager', 'procurement', 'sales', 'partnerAdmin', 'partnerUser', 'supplier'] as const satisfies readonly (keyof typeof LOGINS)[]
const SIZES = { desktop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } } as const

for (const role of ROLES) {
  test(`home of ${role}`, async ({ browser }) => {
    test.slow()
    for (const locale of ['id', 'en'] as const) {
      const context = await browser.newContext({ locale: locale === 'en' ? 'en-US' : 'id-ID' })
      const page = await context.newPage()
      await login(page, LOGINS[role])
      // the user's own language setting wins over the browser's: switch when it differs
      if ((await page.locator('html').getAttribute('lang')) !== locale) await page.locator('form[action="/locale"] button').click()
      await page.waitForFunction((l) => document.documentElement.lang === l, locale)
      for (const [size, viewport] of Object.entries(SIZES)) {
        await page.setViewportSize(viewport)
        await page.goto('/')
        await page.screenshot({ path: `docs/screenshots/${role}-${size}-${locale}.png`, fullPage: size === 'desktop' })
      }
      await context.close()
    }
  })
}
