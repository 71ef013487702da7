import type { Page } from '@playwright/test'
import { translate } from '../../app/utils/i18n'
import { expect, test } from './fixtures'
import { expectUsable } from './page-checks'

// The whole MDF cycle in the browser: a partner admin (reading English) requests funds, a partner
// manager (reading Indonesian) approves part of it, the partner claims with an uploaded invoice,
// the manager approves the claim, finance records the bank transfer, both sides download the PDFs.
const en = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('en', key, params)
const id = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('id', key, params)
const acceptDialogs = (page: Page) => page.on('dialog', (d) => void d.accept())
const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10)
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

async function switchLanguage(page: Page, to: 'English' | 'Bahasa Indonesia') {
  await page.getByRole('button', { name: to, exact: true }).click()
  await expect(page.getByRole('button', { name: to === 'English' ? 'Bahasa Indonesia' : 'English', exact: true })).toBeVisible()
}

test('request → partial approval → claim with an invoice → approval → payment → both sides download the PDFs', async ({ asRole }) => {
  test.slow() // three roles, uploads and downloads
  const partner = await asRole('partnerAdmin')
  acceptDialogs(partner)
  await partner.goto('/mdf')
  await switchLanguage(partner, 'English')
  try {
    await expect(partner.getByRole('heading', { level: 1 })).toHaveText(en('mdf.title'))
    await expectUsable(partner, '/mdf')
    await partner.getByRole('link', { name: en('mdf.newRequest') }).first().click()
    await expectUsable(partner, '/mdf/requests/new')
    await partner.locator('select[name="activityType"]').selectOption('webinar')
    await partner.locator('input[name="title"]').fill('E2E webinar for bank CIOs')
    await partner.locator('textarea[name="description"]').fill('A two-hour webinar with a live demo.')
    await partner.locator('input[name="startsOn"]').fill(today())
    await partner.locator('input[name="endsOn"]').fill(today())
    await partner.locator('input[name="cost"]').fill('20.000.000')
    await partner.locator('input[name="requested"]').fill('15.000.000')
    await partner.getByRole('button', { name: en('mdf.actions.submit') }).click()
    // more than half of the cost: refused beside the field, with the limit, and nothing typed is lost
    await expect(partner.locator('.field-error').first()).toContainText('50%')
    await expect(partner.locator('input[name="title"]')).toHaveValue('E2E webinar for bank CIOs')
    await partner.locator('input[name="requested"]').fill('10.000.000')
    await partner.getByRole('button', { name: en('mdf.actions.submit') }).click()
    await expect(partner.locator('.toast')).toContainText(en('mdf.toast.submitted'))
    await expect(partner.getByText(en('mdf.status.submitted')).first()).toBeVisible()
    const requestUrl = new URL(partner.url()).pathname

    // the manager finds it in the approval queue and approves 8 of the 10 million
    const manager = await asRole('manager')
    acceptDialogs(manager)
    await manager.goto('/approvals?kind=mdf_request')
    await expect(manager.getByText('E2E webinar for bank CIOs')).toBeVisible()
    await manager.goto(requestUrl)
    await expectUsable(manager, requestUrl)
    await manager.locator('#approve-amount').fill('8.000.000')
    await manager.getByRole('button', { name: id('mdf.actions.approve'), exact: true }).click()
    await expect(manager.locator('.toast')).toContainText(id('mdf.toast.approved'))
    await expect(manager.getByText(id('mdf.status.approved')).first()).toBeVisible()

    // the partner claims: more than approved is refused; a page renamed .pdf is refused by content
    await partner.goto(requestUrl)
    await expect(partner.getByRole('heading', { name: en('mdf.claim.file') })).toBeVisible()
    await partner.locator('input[name="actualCost"]').fill('18.000.000')
    await partner.locator('input[name="claimed"]').fill('9.000.000')
    await partner.locator('input[name="leads"]').fill('14')
    await partner.locator('input[name="attendees"]').fill('120')
    await partner.locator('input[name="files"]').setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: PDF })
    await partner.getByRole('button', { name: en('mdf.claim.submit') }).click()
    await expect(partner.locator('.field-error').first()).toContainText(/Rp\s?8\.000\.000|8,000,000/)
    await expect(partner.locator('input[name="actualCost"]')).toHaveValue('18.000.000')
    await partner.locator('input[name="claimed"]').fill('8.000.000')
    await partner.locator('input[name="files"]').setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><body>not an invoice</body></html>') })
    await partner.getByRole('button', { name: en('mdf.claim.submit') }).click()
    await expect(partner.locator('.field-error')).toBeVisible()
    await expect(partner.locator('input[name="claimed"]')).toHaveValue('8.000.000')
    await partner.locator('input[name="files"]').setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: PDF })
    await partner.getByRole('button', { name: en('mdf.claim.submit') }).click()
    await expect(partner.locator('.toast')).toContainText(en('mdf.toast.claimFiled'))
    await expect(partner.getByText(en('mdf.claimStatus.submitted')).first()).toBeVisible()
    await expectUsable(partner, requestUrl)

    // the manager opens the invoice and approves the claim
    await manager.goto(requestUrl)
    const proof = manager.getByRole('link', { name: 'invoice.pdf' })
    await expect(proof).toBeVisible()
    const [file] = await Promise.all([manager.waitForEvent('download'), proof.click()])
    expect(file.suggestedFilename()).toBe('invoice.pdf')
    await manager.getByRole('button', { name: id('mdf.actions.approveClaim') }).click()
    await expect(manager.locator('.toast')).toContainText(id('mdf.toast.claimApproved'))

    // finance records the bank transfer
    const finance = await asRole('admin')
    await finance.goto(requestUrl)
    await finance.locator('textarea[name="reference"]').fill('BCA-E2E-0001')
    await finance.getByRole('button', { name: id('mdf.payout.recordManual') }).click()
    await expect(finance.locator('.toast')).toContainText(id('mdf.toast.paid'))

    // both sides download the remittance advice; the partner its statement too
    await partner.goto(requestUrl)
    await expect(partner.getByText(en('mdf.claimStatus.paid')).first()).toBeVisible()
    await expect(partner.getByText('BCA-E2E-0001')).toBeVisible()
    const [remittance] = await Promise.all([partner.waitForEvent('download'), partner.getByRole('link', { name: en('mdf.payout.remittancePdf') }).click()])
    expect(remittance.suggestedFilename()).toMatch(/^mdf-remittance-MDF-\d{4}\.pdf$/)
    await finance.goto(requestUrl)
    const [theirs] = await Promise.all([finance.waitForEvent('download'), finance.getByRole('link', { name: id('mdf.payout.remittancePdf') }).click()])
    expect(theirs.suggestedFilename()).toBe(remittance.suggestedFilename())
    await partner.goto('/mdf')
    const [statement] = await Promise.all([partner.waitForEvent('download'), partner.getByRole('link', { name: en('mdf.statementPdf') }).first().click()])
    expect(statement.suggestedFilename()).toMatch(/^mdf-statement-.*\.pdf$/)
    // the home page shows what is left to spend
    await partner.goto('/')
    await expect(partner.locator('#mdf-balances')).toHaveText(en('mdf.title'))
  } finally {
    await partner.goto('/mdf')
    await switchLanguage(partner, 'Bahasa Indonesia')
  }
})

test('a manager creates a fund, allocates it and sees the burn-down; a partner cannot open it', async ({ asRole }) => {
  test.slow() // two roles and five round trips: about 17 s on a quiet machine
  const manager = await asRole('manager')
  await manager.goto('/mdf/funds/new')
  await expectUsable(manager, '/mdf/funds/new')
  await manager.locator('input[name="name"]').fill('Dana E2E tahunan')
  await manager.locator('select[name="periodType"]').selectOption('year')
  await manager.locator('input[name="budget"]').fill('abc')
  await manager.getByRole('button', { name: id('mdf.fund.create') }).click()
  await expect(manager.locator('.field-error').first()).toBeVisible()
  await expect(manager.locator('input[name="name"]')).toHaveValue('Dana E2E tahunan')
  await manager.locator('input[name="budget"]').fill('500.000.000')
  await manager.getByRole('button', { name: id('mdf.fund.create') }).click()
  await expect(manager.locator('.toast')).toContainText(id('mdf.toast.fundCreated'))
  const fundUrl = new URL(manager.url()).pathname
  const sinar = await manager.locator('#alloc-org option', { hasText: 'CV Sinar Digital' }).getAttribute('value')
  await manager.locator('#alloc-org').selectOption(sinar!)
  await manager.locator('#alloc-amount').fill('600.000.000')
  await manager.getByRole('button', { name: id('mdf.fund.allocate') }).click()
  await expect(manager.getByText(id('mdf.errors.overBudget')).first()).toBeVisible()
  await manager.locator('#alloc-amount').fill('120.000.000')
  await manager.getByRole('button', { name: id('mdf.fund.allocate') }).click()
  await expect(manager.locator('.toast')).toContainText(id('mdf.toast.allocated'))
  await expect(manager.getByRole('img', { name: id('mdf.fund.burnDown') })).toBeVisible()
  await expectUsable(manager, fundUrl)
  const partner = await asRole('otherPartner')
  const res = await partner.goto(fundUrl)
  expect(res?.status()).toBe(404)
})
