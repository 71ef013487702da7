import fs from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { translate } from '../../app/utils/i18n'
import { expect, test } from './fixtures'
import { expectUsable } from './page-checks'

// The supplier journey in the browser: a company applies on the public page (in English), procurement
// (reading Indonesian) approves it, the invited admin sets a password, uploads the required documents and a
// catalog with bad rows, sees the row/column report, fixes the file; procurement approves the version, then a
// price increase arrives and procurement sees it as a price change with its percentage before approving.
const en = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('en', key, params)
const id = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('id', key, params)
const acceptDialogs = (page: Page) => page.on('dialog', (d) => void d.accept())
const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10)
const nextYear = () => `${Number(today().slice(0, 4)) + 1}${today().slice(4)}`
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')
const HEADER = 'sku,name,description,unit,price,currency,min_order_qty,lead_time_days,category,effective_from,effective_to,active'
const csv = (rows: string[]) => Buffer.from(`\uFEFF${[HEADER, ...rows].join('\n')}\n`)

async function inviteLink(to: string): Promise<string> {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    const dir = process.env.E2E_MAIL_DIR!
    for (const file of fs.readdirSync(dir)) {
      const raw = fs.readFileSync(path.join(dir, file), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '=')
      const link = raw.toLowerCase().includes(`to: ${to.toLowerCase()}`) ? raw.match(/https?:\/\/\S+\/invitations\/[a-z0-9]+\?lang=en/)?.[0] : undefined
      if (link) return link
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`no invitation mail to ${to}`)
}

async function uploadCatalog(page: Page, rows: string[], mode: 'full' | 'incremental', name: string) {
  await page.goto('/supplier/catalog')
  await page.locator('input[name="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: csv(rows) })
  await page.locator(`input[name="mode"][value="${mode}"]`).check()
  await page.getByRole('button', { name: en('suppliers.catalog.send') }).click()
  await expect(page).toHaveURL(/\/suppliers\/catalogs\/[a-z0-9]+$/)
  // the page refreshes itself while the import runs
  await expect(page.getByText(en('suppliers.catalog.status.importing'))).toHaveCount(0, { timeout: 20_000 })
  return new URL(page.url()).pathname
}

test('a company applies, is approved, uploads documents and a catalog with bad rows, fixes it; procurement approves and sees the price changes', async ({ browser, asRole }) => {
  test.slow() // a public applicant, procurement and the new supplier, with imports in between
  const stamp = Date.now().toString(36)
  const email = `sales.${stamp}@tokokabel.example`
  const company = `PT Toko Kabel ${stamp.toUpperCase()}`

  // 1. the public application, in English
  const applicantContext = await browser.newContext({ locale: 'en-US' })
  const applicant = await applicantContext.newPage()
  await applicant.goto('/apply/supplier')
  await expectUsable(applicant, '/apply/supplier')
  await applicant.locator('input[name="legalName"]').fill(company)
  await applicant.locator('input[name="npwp"]').fill('01.234.567.8-901.000')
  await applicant.locator('[name="address"]').fill('Jl. Gajah Mada 12')
  await applicant.locator('input[name="city"]').fill('Jakarta')
  await applicant.locator('[name="categories"]').fill('Kabel, Jaringan')
  await applicant.locator('input[name="contactName"]').fill('Sinta Dewi')
  await applicant.locator('input[name="contactEmail"]').fill(email)
  await applicant.locator('input[name="terms"]').check()
  await applicant.getByRole('button', { name: en('suppliers.apply.submit') }).click()
  await expect(applicant.getByText(en('suppliers.apply.thanks', { email }))).toBeVisible()

  // 2. procurement approves it; the admin is invited
  const procurement = await asRole('procurement')
  acceptDialogs(procurement)
  await procurement.goto('/suppliers/applications')
  await procurement.getByRole('link', { name: company }).click()
  await expectUsable(procurement, 'application')
  await procurement.getByRole('button', { name: id('suppliers.applications.approve') }).click()
  await expect(procurement.locator('.toast')).toContainText(id('suppliers.applications.approved'))

  // 3. the invitation, in the language of the application
  // the applicant also gets the approval notice: wait for the mail that carries the invitation link
  const link = await inviteLink(email)
  const supplier = await applicantContext.newPage()
  await supplier.goto(link)
  await supplier.locator('input[name="password"]').fill('supplier-password-123')
  await supplier.locator('input[name="confirm"]').fill('supplier-password-123')
  await supplier.locator('form button[type="submit"]').last().click()
  await expect(supplier).toHaveURL(/\/$/)

  // 4. the required documents
  await supplier.goto('/supplier/documents')
  await expectUsable(supplier, '/supplier/documents')
  for (const name of ['NIB business licence', 'NPWP card', 'ISO 9001 certificate']) {
    const form = supplier.getByRole('form', { name })
    await form.locator('input[type="file"]').setInputFiles({ name: `${name}.pdf`, mimeType: 'application/pdf', buffer: PDF })
    if (await form.locator('input[type="date"]').count()) await form.locator('input[type="date"]').fill(nextYear())
    await form.getByRole('button', { name: en('suppliers.docs.upload') }).click()
    await expect(supplier.locator('.toast')).toContainText(en('suppliers.docs.uploaded'))
  }

  // 5. a catalog with two bad rows: the report names the row, the column and the problem; nothing is staged
  const good = [`KBL-001,Kabel UTP Cat6,305 m per roll,roll,1250000,IDR,1,7,Kabel,${today()},,true`, `KBL-002,Switch 24 port,Managed,unit,4500000.00,IDR,1,14,Jaringan,${today()},,true`]
  const bad = await uploadCatalog(supplier, [...good, `KBL-003,Router,,unit,abc,IDR,1,7,Jaringan,${today()},,true`, `KBL-004,Access point,,unit,900000,IDR,1,7,Jaringan,2026-13-45,,true`], 'full', 'katalog.csv')
  await expect(supplier.getByText(en('suppliers.catalog.status.invalid')).first()).toBeVisible()
  const errors = supplier.getByRole('region', { name: en('suppliers.catalog.errorsTitle') })
  await expect(errors.locator('tbody tr')).toHaveCount(2)
  await expect(errors).toContainText('price')
  await expect(errors).toContainText('effective_from')
  await expectUsable(supplier, bad)
  // fixed and sent again: every row valid, waiting for review
  const fixed = await uploadCatalog(supplier, [...good, `KBL-003,Router,,unit,2100000,IDR,1,7,Jaringan,${today()},,true`, `KBL-004,Access point,,unit,900000,IDR,1,7,Jaringan,${today()},,true`], 'full', 'katalog-perbaikan.csv')
  await expect(supplier.getByText(en('suppliers.catalog.status.submitted')).first()).toBeVisible()

  // 6. procurement approves the version
  await procurement.goto(fixed)
  await expect(procurement.getByText('KBL-004')).toBeVisible()
  await procurement.getByRole('button', { name: id('suppliers.catalog.approve') }).click()
  await expect(procurement.locator('.toast')).toContainText(id('suppliers.catalog.approved'))

  // 7. a price increase of 10 % arrives as an incremental file; procurement sees it as such, with the percentage
  const raise = await uploadCatalog(supplier, [`KBL-001,Kabel UTP Cat6,305 m per roll,roll,1375000,IDR,1,7,Kabel,${today()},,true`], 'incremental', 'kenaikan.csv')
  await procurement.goto(raise)
  const line = procurement.locator('tbody tr', { hasText: 'KBL-001' })
  await expect(line).toContainText(id('suppliers.catalog.change.price_up'))
  await expect(line).toContainText('10')
  await expect(line).toContainText(/Rp\s?1\.375\.000/)
  await expectUsable(procurement, raise)
  await procurement.getByRole('button', { name: id('suppliers.catalog.approve') }).click()
  await expect(procurement.locator('.toast')).toContainText(id('suppliers.catalog.approved'))
  await applicantContext.close()
})
