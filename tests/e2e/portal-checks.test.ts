import { expect, test, LOGINS } from './fixtures'
import { expectUsable } from './page-checks'

// Every page a role's menu offers, opened as that role in both languages: no serious or critical
// accessibility violation, no sideways scrolling at phone width. New modules' menu entries are
// covered the moment they appear in the menu.
const ROLES = ['admin', 'manager', 'procurement', 'sales', 'partnerAdmin', 'partnerUser', 'supplier'] as const satisfies readonly (keyof typeof LOGINS)[]

for (const role of ROLES) {
  test(`every menu page is usable for ${role}`, async ({ asRole }) => {
    test.slow()
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
      const record = await page.locator('main .table-wrap tbody a[href^="/"]').first().getAttribute('href', { timeout: 1000 }).catch(() => null)
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
