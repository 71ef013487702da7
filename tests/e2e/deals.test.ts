import { describeReason } from '../../app/modules/matching/company-match'
import { formatCalendarDate } from '../../app/utils/dates'
import { translate } from '../../app/utils/i18n'
import { expect, test } from './fixtures'

test('a partner registers a colliding deal; the manager sees why, approves and converts it; the partner follows it', async ({ asRole }) => {
  test.slow() // three roles and a dozen round trips
  // an existing customer in the vendor's CRM
  const manager = await asRole('manager', 'en')
  await manager.goto('/accounts?q=a&sort=name&dir=asc')
  const accountLink = manager.locator('tbody tr td a').first()
  const accountName = (await accountLink.textContent())!.trim()
  await accountLink.click()
  const domain = (await manager.locator('dl.facts dd').first().textContent())!.trim()
  const accountUrl = manager.url()

  // the partner types it differently: no legal form, upper case, email domain instead of a website
  const partner = await asRole('partnerUser')
  await partner.goto('/deals/new')
  // the live check needs the page hydrated; without JavaScript the same check runs on submit
  await partner.waitForLoadState('networkidle')
  const typed = accountName.replace(/^(PT|CV)\s+/, '').toUpperCase()
  await partner.locator('input[name="customerName"]').fill(typed)
  await partner.locator('input[name="customerWebsite"]').fill(`procurement@${domain}`)
  await expect(partner.getByText(translate('id', 'deals.conflictUnderReview')).first()).toBeVisible()
  await partner.locator('input[name="contactName"]').fill('Dian Sastro')
  await partner.locator('input[name="contactEmail"]').fill(`dian@${domain}`)
  await partner.locator('textarea[name="products"]').fill('Network refresh, 40 sites')
  await partner.locator('input[name="value"]').fill('450.000.000')
  await partner.locator('input[name="expectedCloseDate"]').fill(new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10))
  // submitting without accepting the rules keeps everything typed and says why
  await partner.getByRole('button', { name: translate('id', 'deals.submit') }).click()
  await expect(partner.getByText(translate('id', 'deals.errors.acceptRules'))).toBeVisible()
  await expect(partner.locator('input[name="customerName"]')).toHaveValue(typed)
  await partner.locator('input[name="acceptRules"]').check()
  await partner.getByRole('button', { name: translate('id', 'deals.submit') }).click()
  await expect(partner.getByRole('heading', { level: 1 })).toHaveText(typed)
  await expect(partner.getByText(translate('id', 'deals.conflictUnderReview'))).toBeVisible()
  const dealUrl = partner.url()
  // the partner never sees the matched account
  await expect(partner.locator('body')).not.toContainText(accountName)

  // the manager's queue shows the conflict with its reasons, side by side
  await manager.goto('/deals/approvals')
  const card = manager.locator('li.card', { hasText: typed })
  await expect(card).toContainText(accountName)
  await expect(card).toContainText(describeReason({ kind: 'same_domain', domain }, 'id'))
  // approving is irreversible, so it asks first (as withdrawing does)
  manager.once('dialog', (dialog) => {
    expect(dialog.message()).toBe(translate('id', 'deals.confirmApprove'))
    void dialog.accept()
  })
  await card.getByRole('button', { name: translate('id', 'deals.approve') }).click()
  await expect(manager.locator('.toast')).toContainText(translate('id', 'deals.approved'))

  // the partner sees it approved, with its protection
  await partner.goto(dealUrl)
  await expect(partner.getByText(translate('id', 'deals.status.approved')).first()).toBeVisible()
  await expect(partner.getByText(translate('id', 'deals.daysLeft', { days: 90 })).first()).toBeVisible()

  // the manager converts it onto the matched account
  await manager.goto(dealUrl)
  await expect(manager.locator('select[name="target"] option').first()).toContainText(accountName)
  await manager.getByRole('button', { name: translate('id', 'deals.convert') }).click()
  await expect(manager.locator('.toast')).toContainText(translate('id', 'deals.converted'))
  await manager.goto(accountUrl)
  await expect(manager.locator('.record-list a[href^="/deals/"]', { hasText: typed })).toBeVisible()
  await expect(manager.locator('.record-list a[href^="/opportunities/"]', { hasText: new RegExp(`^${typed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} — `) })).toBeVisible()

  // the partner follows the opportunity's stage
  await partner.goto(dealUrl)
  await expect(partner.getByText(translate('id', 'deals.status.converted')).first()).toBeVisible()
  await expect(partner.getByText(translate('id', 'deals.opportunity'))).toBeVisible()
})

test('a manager asks a question, the partner answers in the thread, and a rejection carries its reason', async ({ asRole }) => {
  test.slow() // two roles, several round trips: sized for a busy machine
  const partner = await asRole('partnerAdmin', 'en')
  await partner.goto('/deals/new')
  const customer = `PT Uji Registrasi ${Date.now()}`
  await partner.locator('input[name="customerName"]').fill(customer)
  await partner.locator('input[name="contactName"]').fill('Rudi')
  await partner.locator('input[name="contactEmail"]').fill('rudi@ujiregistrasi.co.id')
  await partner.locator('textarea[name="products"]').fill('ERP')
  await partner.locator('input[name="value"]').fill('120000000')
  const closeDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
  await partner.locator('input[name="expectedCloseDate"]').fill(closeDate)
  // the browser's picker speaks the browser's language; the date is also written out in the user's
  await expect(partner.locator('.field:has(input[name="expectedCloseDate"]) .date-echo')).toHaveText(formatCalendarDate(closeDate, 'id', 'full'))
  await partner.locator('input[name="acceptRules"]').check()
  await partner.getByRole('button', { name: translate('id', 'deals.submit') }).click()
  await expect(partner.getByRole('heading', { level: 1 })).toHaveText(customer)
  await expect(partner.getByText(translate('id', 'deals.status.submitted')).first()).toBeVisible()
  const dealUrl = partner.url()

  const manager = await asRole('manager', 'en')
  await manager.goto(dealUrl)
  await manager.locator('textarea[name="question"]').fill('Who is the decision maker?')
  await manager.getByRole('button', { name: translate('id', 'deals.return') }).click()
  // wait for the decision to land before the partner looks (a state, not a time)
  await expect(manager.locator('.toast')).toContainText(translate('id', 'deals.returned'))

  // the question waits on the partner's home page, and leads straight to the answer form
  await partner.goto('/')
  const waiting = partner.locator('.next-steps li', { hasText: customer })
  await expect(waiting.getByText('Who is the decision maker?')).toBeVisible()
  await waiting.getByRole('link', { name: translate('id', 'home.next.answer') }).click()
  await expect(partner.locator('#answer').getByText('Who is the decision maker?')).toBeVisible()
  await partner.locator('textarea[name="answer"]').fill('Ibu Sari, the CFO')
  await partner.getByRole('button', { name: translate('id', 'deals.answerAndResubmit') }).click()
  await expect(partner.getByText(translate('id', 'deals.status.submitted')).first()).toBeVisible()

  await manager.goto(dealUrl)
  await expect(manager.getByText('Ibu Sari, the CFO', { exact: true }).first()).toBeVisible()
  await manager.locator('textarea[name="reason"]').fill('Customer buys direct under a framework contract')
  await manager.getByRole('button', { name: translate('id', 'deals.reject') }).click()
  await expect(manager.locator('.toast')).toContainText(translate('id', 'deals.rejected'))
  await partner.goto(dealUrl)
  await expect(partner.getByText(translate('id', 'deals.rejectedBecause', { reason: 'Customer buys direct under a framework contract' }))).toBeVisible()
})
