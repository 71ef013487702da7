import { translate } from '../../app/utils/i18n'
import { expect, test } from './fixtures'

// The app's links and forms render as plain elements and one listener per document navigates (app/components/
// navigation.tsx). What a user would notice if that broke: a click reloading the whole page (the marker below is
// lost), a ctrl-click no longer opening a new tab, a form posting without its button's intent.

test('links and forms navigate in the app without reloading the page; a ctrl-click still opens a new tab', async ({ asRole }) => {
  test.slow() // several navigations and a second tab
  const manager = await asRole('manager')
  await manager.goto('/accounts')
  await manager.evaluate(() => ((window as unknown as { marker: string }).marker = 'still here'))
  const marker = () => manager.evaluate(() => (window as unknown as { marker?: string }).marker ?? null)

  const first = manager.locator('tbody tr td a').first()
  const name = (await first.textContent())!.trim()
  const href = (await first.getAttribute('href'))!
  await first.click()
  await expect(manager).toHaveURL(new RegExp(`${href}$`))
  await expect(manager.getByRole('heading', { level: 1 })).toHaveText(name)
  expect(await marker()).toBe('still here')

  // back and forward work on the history entries the listener added
  await manager.goBack()
  await expect(manager).toHaveURL(/\/accounts$/)
  expect(await marker()).toBe('still here')

  // a ctrl-click is the browser's: a new tab, and this page stays where it was
  const [tab] = await Promise.all([manager.context().waitForEvent('page'), manager.locator('tbody tr td a').first().click({ modifiers: ['Control'] })])
  await tab.waitForLoadState()
  expect(new URL(tab.url()).pathname).toBe(href)
  await expect(manager).toHaveURL(/\/accounts$/)
  expect(await marker()).toBe('still here')

  // a form with an absolute action (signing out, the last step here) posts through the router: the sign-in page
  // comes without a page load
  await manager.locator('form[action="/logout"] button').click()
  await expect(manager).toHaveURL(/\/login/)
  expect(await marker()).toBe('still here')
})

test('the approval queue: one reason field per row, required to reject, not to approve', async ({ asRole }) => {
  const manager = await asRole('manager') // reads Indonesian
  await manager.goto('/approvals?kind=deal_registration')
  const approveName = translate('id', 'deals.approve')
  const row = manager.locator('ul.queue > li').filter({ has: manager.getByRole('button', { name: approveName, exact: true }) }).first()
  await expect(row).toBeVisible()
  await expect(row.locator('input[name="reason"]')).toHaveCount(1)
  const url = manager.url()

  // rejecting with no reason: the browser asks for it and nothing is posted
  await row.getByRole('button', { name: translate('id', 'deals.reject'), exact: true }).click()
  await expect(manager).toHaveURL(url)
  expect(await row.locator('input[name="reason"]').evaluate((input: HTMLInputElement) => input.validity.valueMissing)).toBe(true)

  // approving needs no reason: the browser lets it through to the confirmation (declined here, so it stays waiting)
  const asked = new Promise<string>((resolve) =>
    manager.once('dialog', (d) => {
      resolve(d.message())
      void d.dismiss()
    }),
  )
  await row.getByRole('button', { name: approveName, exact: true }).click()
  expect(await asked).toBe(translate('id', 'deals.confirmApprove'))
  await expect(manager).toHaveURL(url)
  await expect(row).toBeVisible()
})
