import { expect, test, LOGINS } from './fixtures'
import { translate } from '../../app/utils/i18n'
import { expectUsable } from './page-checks'

// Every page a role's menu offers, opened as that role in both languages: no serious or critical
// accessibility violation, no sideways scrolling at phone width. New modules' menu entries are
// covered the moment they appear in the menu.
const ROLES = ['admin', 'manager', 'procurement', 'sales', 'partnerAdmin', 'partnerUser', 'supplier'] as const satisfies readonly (keyof typeof LOGINS)[]

for (const role of ROLES) {
  test(`every menu page is usable for ${role}`, async ({ asRole }) => {
    // the admin's menu has two dozen pages, each opened with its first record and checked by axe at two widths:
    // about 90 s on a quiet machine, so a fixed budget well above it rather than test.slow()'s 90 s
    test.setTimeout(300_000)
    const page = await asRole(role, role === 'partnerUser' || role === 'supplier' ? 'id' : 'en')
    const links = await page.locator('nav.sidenav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))
    expect(links.length).toBeGreaterThan(0)
    // every page is checked before failing, so one run lists every problem
    const problems: string[] = []
    const visited = new Set<string>()
    for (const href of links) {
      const response = await page.goto(href)
      if (response?.status() !== 200) problems.push(`${href}: status ${response?.status()}`)
      await expectUsable(page, `${role} ${href}`).catch((e: Error) => problems.push(e.message.split('\n').slice(0, 12).join('\n')))
      // and the first record the list links to, where the page is a list
      // (a page, not a file download)
      const record = await page
        .locator('main .table-wrap tbody a[href^="/"]:not([download])')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '').find((h) => !/\.(pdf|ics|csv)(\?|$)|\/files?(\/|$)/.test(h)) ?? null)
      if (record && !visited.has(record.split('?')[0])) {
        visited.add(record.split('?')[0])
        const r = await page.goto(record)
        if (r?.status() !== 200) problems.push(`${record}: status ${r?.status()}`)
        await expectUsable(page, `${role} ${record}`).catch((e: Error) => problems.push(e.message.split('\n').slice(0, 12).join('\n')))
      }
    }
    expect(problems).toEqual([])
  })
}

test('on a phone the menu folds behind a toggle that names the current page, and opens from the keyboard', async ({ asRole }) => {
  const page = await asRole('partnerAdmin') // whose own setting is Bahasa Indonesia
  const say = (key: Parameters<typeof translate>[1]) => translate('id', key)
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto('/deals')
  const menu = page.locator('nav.sidenav')
  const deals = menu.getByRole('link', { name: say('nav.deals') })
  await expect(deals).toBeHidden()
  await expect(menu.locator('label')).toContainText(say('nav.deals'))
  await menu.locator('#menu-toggle').focus()
  await page.keyboard.press('Space')
  await expect(deals).toBeVisible()
  await menu.getByRole('link', { name: say('nav.programme') }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(say('home.partnerTerms'))
  await expect(menu.getByRole('link', { name: say('nav.programme') })).toBeHidden()
})
