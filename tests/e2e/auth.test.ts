import { en } from '../../app/locales/en'
import { id } from '../../app/locales/id'
import { expect, LOGINS, login, test, waitForMail } from './fixtures'

const NAV: Record<keyof typeof LOGINS, string[]> = {
  admin: ['/', '/partners', '/approvals', '/plans', '/reports', '/accounts', '/opportunities', '/leads', '/organisations'],
  manager: ['/', '/partners', '/approvals', '/plans', '/reports', '/organisations?kind=supplier', '/accounts'],
  procurement: ['/', '/organisations?kind=supplier', '/accounts'],
  sales: ['/', '/accounts', '/contacts', '/opportunities', '/leads'],
  partnerAdmin: ['/', '/plans'],
  partnerUser: ['/'],
  otherPartner: ['/'],
  supplier: ['/'],
}

test.describe('sign-in per role', () => {
  for (const who of Object.keys(LOGINS) as (keyof typeof LOGINS)[]) {
    test(`${who} lands on their home page with their own menu`, async ({ asRole }) => {
      const page = await asRole(who)
      await expect(page).toHaveURL(/\/$/)
      const nav = page.getByRole('navigation', { name: id['nav.main'] })
      for (const href of NAV[who]) await expect(nav.locator(`a[href="${href}"]`)).toBeVisible()
      const isVendor = ['admin', 'manager', 'procurement', 'sales'].includes(who)
      await expect(nav.locator('a[href="/accounts"]')).toHaveCount(isVendor ? 1 : 0)
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      // every link the menu offers opens for this role: the menu follows the permission map
      const hrefs = await nav.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!))
      for (const href of hrefs) {
        const response = await page.request.get(href)
        expect(response.status(), `${who} ${href}`).toBe(200)
      }
    })
  }

  test('a wrong password keeps the email and says so without revealing the account', async ({ page }) => {
    await page.goto('/login')
    await page.locator('input[name="email"]').fill('sales@mitra.test')
    await page.locator('input[name="password"]').fill('wrong-password')
    await page.locator('form button[type="submit"]').last().click()
    await expect(page.getByRole('alert')).toBeVisible()
    await expect(page.locator('input[name="email"]')).toHaveValue('sales@mitra.test')
    await expect(page).toHaveURL(/\/login/)
  })
})

test('the language switch changes the interface', async ({ asRole }) => {
  const page = await asRole('sales')
  const nav = page.getByRole('navigation', { name: id['nav.main'] })
  await expect(nav.getByRole('link', { name: id['nav.accounts'] })).toBeVisible()
  await page.getByRole('button', { name: 'English' }).click()
  const navEn = page.getByRole('navigation', { name: en['nav.main'] })
  await expect(navEn.getByRole('link', { name: en['nav.opportunities'] })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await page.getByRole('button', { name: 'Bahasa Indonesia' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'id')
})

test('an invited partner user sets a password, then resets it from an emailed link', async ({ asRole, browser }) => {
  const admin = await asRole('partnerAdmin')
  await admin.getByRole('link', { name: id['nav.team'] }).click()
  const email = `new.colleague.${Date.now()}@majujaya.test`
  await admin.locator('input[name="name"]').fill('Rekan Baru')
  await admin.locator('input[name="email"]').fill(email)
  // the admin works in Bahasa Indonesia; the colleague reads English
  await admin.locator('select[name="locale"]').selectOption('en')
  await admin.getByRole('button', { name: id['users.sendInvitation'] }).click()
  await expect(admin.getByRole('status')).toContainText(email)
  // the form starts empty again for the next colleague
  await expect(admin.locator('input[name="email"]')).toHaveValue('')

  const invitation = await waitForMail(email)
  const inviteLink = invitation.match(/https?:\/\/\S+\/invitations\/[a-z0-9]+\?lang=en/)![0]
  // a browser set to Indonesian still gets the invitation page in the language the link names
  const context = await browser.newContext({ locale: 'id-ID' })
  const page = await context.newPage()
  await page.goto(inviteLink)
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await page.locator('input[name="password"]').fill('first-password-123')
  await page.locator('input[name="confirm"]').fill('first-password-123')
  await page.locator('form button[type="submit"]').last().click()
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('navigation', { name: en['nav.main'] })).toBeVisible()
  await page.locator('form[action="/logout"] button').click()

  await page.goto('/forgot-password')
  await page.locator('input[name="email"]').fill(email)
  await page.locator('form button[type="submit"]').last().click()
  await expect(page.getByRole('status')).toBeVisible()
  const reset = await waitForMail(email.replace(/^/, ''), 20_000).then(async () => {
    // the invitation mail is first; wait for the reset one
    for (let i = 0; i < 80; i++) {
      const raw = await waitForMail(email)
      if (raw.includes('/reset-password/')) return raw
      await new Promise((r) => setTimeout(r, 250))
    }
    throw new Error('no reset mail')
  })
  const resetLink = reset.match(/https?:\/\/\S+\/reset-password\/[a-z0-9]+/)![0]
  await page.goto(resetLink)
  await page.locator('input[name="password"]').fill('second-password-456')
  await page.locator('input[name="confirm"]').fill('second-password-456')
  await page.locator('form button[type="submit"]').last().click()
  await expect(page).toHaveURL(/\/login/)
  await login(page, email, 'second-password-456')
  // the link was single-use
  await page.goto(resetLink)
  await expect(page.locator('input[name="password"]')).toHaveCount(0)
  await context.close()
})

test('opening the notifications reads them: the bell follows', async ({ asRole }) => {
  const page = await asRole('partnerUser')
  const bell = page.locator('.bell-count')
  await expect(bell).toBeVisible()
  await page.locator('a.bell').click()
  await expect(page).toHaveURL(/\/notifications$/)
  await expect(page.locator('.notification-list li').first()).toBeVisible()
  await expect(bell).toHaveCount(0)
  await page.reload()
  await expect(page.locator('.bell-count')).toHaveCount(0)
})

test('the first person invited into a new organisation defaults to its administrator', async ({ asRole }) => {
  const admin = await asRole('admin')
  await admin.goto('/organisations/new?kind=partner')
  await admin.locator('input[name="name"]').fill(`CV Mitra Baru ${Date.now()}`)
  await admin.locator('form button[type="submit"]').last().click()
  await expect(admin).toHaveURL(/\/organisations\/[a-z0-9]{24}$/)
  await expect(admin.locator('select[name="role"]')).toHaveValue('partner_admin')
})
