import type { Page } from '@playwright/test'
import { translate } from '../../app/utils/i18n'
import { expect, test, waitForMail } from './fixtures'
import { expectUsable } from './page-checks'

// The seeded users read Indonesian (their own setting wins over the browser's language).
const id = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('id', key, params)
const rupiah = (text: string) => Number((text.match(/Rp\s?([\d.]+)/)?.[1] ?? '0').replace(/\./g, ''))
const acceptDialogs = (page: Page) => page.on('dialog', (d) => void d.accept())

/** The running quarter in Jakarta time, 1..4: the column of the objectives table whose actual moves. */
function currentQuarter() {
  return Math.floor(new Date(Date.now() + 7 * 3_600_000).getUTCMonth() / 3) + 1
}

test('a manager and a partner admin build and sign a plan; a won opportunity moves its actuals; an edit opens version 2', async ({ asRole }) => {
  test.slow() // four roles and many round trips
  const manager = await asRole('manager')
  acceptDialogs(manager)
  await manager.goto('/plans/new')
  await expectUsable(manager, '/plans/new')
  await manager.locator('select[name="partnerOrgId"]').selectOption({ label: 'PT Maju Jaya Solusi' })
  await manager.locator('input[name="title"]').fill('Rencana Bersama E2E')
  await manager.getByRole('button', { name: id('plans.new') }).click()
  await expect(manager.getByRole('heading', { level: 1 })).toHaveText('Rencana Bersama E2E')
  const planUrl = new URL(manager.url()).pathname

  // an objective with a target per quarter; its live actual comes from the opportunities
  await manager.locator('select[name="measure"]').selectOption('revenue_won')
  await manager.locator('#objective-title').fill('Pendapatan dari mitra')
  for (const q of [1, 2, 3, 4]) await manager.locator(`#objective-q${q}`).fill('500.000.000')
  await manager.getByRole('button', { name: id('plans.addObjective') }).click()
  await expect(manager.locator('.toast')).toContainText(id('plans.objectiveAdded'))
  // MDF-funded leads come from the MDF module's approved claims: a real number, never "not available"
  await manager.locator('select[name="measure"]').selectOption('mdf_funded_leads')
  await manager.locator('#objective-title').fill('Prospek dari MDF')
  await manager.locator('#objective-q1').fill('3')
  await manager.getByRole('button', { name: id('plans.addObjective') }).click()
  await expect(manager.locator('tbody tr', { hasText: 'Prospek dari MDF' })).toBeVisible()
  await expect(manager.getByText(id('plans.notAvailable'))).toHaveCount(0)
  const revenueRow = manager.locator('tbody tr', { hasText: 'Pendapatan dari mitra' })
  const before = rupiah((await revenueRow.locator('td').nth(currentQuarter()).textContent()) ?? '')
  await expectUsable(manager, planUrl)

  // the partner admin co-owns it: comments, adds an initiative, signs first
  const partner = await asRole('partnerAdmin')
  acceptDialogs(partner)
  await partner.goto('/plans')
  await expectUsable(partner, '/plans')
  await partner.getByRole('link', { name: 'Rencana Bersama E2E' }).click()
  await partner.locator('#comment-body').fill('Kami usulkan webinar bersama di K3.')
  await partner.getByRole('button', { name: id('plans.postComment') }).click()
  await expect(partner.locator('.toast')).toContainText(id('plans.commented'))
  await partner.locator('#initiative-title').fill('Webinar keamanan siber')
  await partner.locator('#initiative-owner').fill('Budi Santoso')
  await partner.locator('#initiative-startDate').fill(`${new Date().getUTCFullYear()}-07-01`)
  await partner.locator('#initiative-endDate').fill(`${new Date().getUTCFullYear()}-09-30`)
  await partner.locator('#initiative-budget').fill('40.000.000')
  await partner.getByRole('button', { name: id('plans.addInitiative') }).click()
  await expect(partner.locator('.toast')).toContainText(id('plans.initiativeAdded'))
  await partner.getByRole('button', { name: id('plans.sign') }).click()
  await expect(partner.getByText(id('plans.status.signed_by_partner')).first()).toBeVisible()

  // the manager countersigns: version 1 is frozen
  await manager.goto(planUrl)
  await expect(manager.getByText('Kami usulkan webinar bersama di K3.')).toBeVisible()
  await manager.getByRole('button', { name: id('plans.sign') }).click()
  await expect(manager.getByText(id('plans.status.signed')).first()).toBeVisible()
  await expect(manager.locator('section', { hasText: id('plans.versions') })).toContainText(id('plans.version', { version: 1 }))

  // sales wins PT Maju Jaya's open opportunity; the plan's actual for this quarter moves by its value
  const sales = await asRole('sales')
  await sales.goto('/opportunities?q=Perluasan%20jaringan')
  await sales.getByRole('link', { name: 'Perluasan jaringan 12 kantor cabang' }).click()
  // the seeded stage is "Menang" for Indonesian readers (the sales user) and "Won" in English
  await sales.getByRole('button', { name: 'Menang', exact: true }).click()
  await expect(sales.locator('[aria-current="step"]')).toHaveText('Menang')
  await manager.goto(planUrl)
  await expect.poll(async () => rupiah((await revenueRow.locator('td').nth(currentQuarter()).textContent()) ?? '')).toBe(before + 350_000_000)

  // a later edit opens version 2, with what changed since version 1
  await partner.goto(planUrl)
  await partner.locator('#details-strengths').fill('Tim pra-penjualan yang kuat.')
  await partner.getByRole('button', { name: id('plans.saveDetails') }).click()
  await expect(partner.locator('.toast')).toContainText(id('plans.saved'))
  await expect(partner.getByText(id('plans.changesSince', { version: 1 }))).toBeVisible()
  await expect(partner.getByText(id('plans.diff.text', { field: id('plans.fields.strengths') }))).toBeVisible()
  await expect(partner.getByText(id('plans.status.draft')).first()).toBeVisible()

  // the PDF in English, whatever the reader's language
  const pdf = await partner.request.get(`${planUrl}/pdf?lang=en`)
  expect(pdf.status()).toBe(200)
  expect(pdf.headers()['content-type']).toBe('application/pdf')

  // another partner never sees it, nor the console
  const other = await asRole('otherPartner')
  expect((await other.goto(planUrl))!.status()).toBe(404)
  for (const url of ['/approvals', '/partners', '/reports', '/reports/opportunities.csv']) expect([403, 404], url).toContain((await other.request.get(url)).status())
})

test('an approval past its time limit is highlighted and escalated to the administrators; the console pages work', async ({ asRole }) => {
  test.slow()
  // the seed holds a registration waiting three days; the default limit is 48 hours
  const admin = await asRole('admin')
  await expect
    .poll(async () => {
      await admin.goto('/notifications')
      return (await admin.locator('main').textContent()) ?? ''
    })
    .toContain('PT Arsip Lama Sentosa')
  expect(await waitForMail('admin@mitra.test')).toBeTruthy()
  await admin.goto('/settings/approval-slas')
  await expectUsable(admin, '/settings/approval-slas')
  await admin.locator('input[name="sla_deal_registration"]').fill('24')
  await admin.getByRole('button', { name: id('actions.save') }).click()
  await expect(admin.locator('.toast')).toContainText(id('reports.sla.saved'))
  await expect(admin.locator('input[name="sla_deal_registration"]')).toHaveValue('24')

  const manager = await asRole('manager')
  await manager.goto('/approvals?age=overdue')
  const card = manager.locator('li.card.overdue', { hasText: 'PT Arsip Lama Sentosa' })
  await expect(card).toContainText(id('reports.approvals.overdue'))
  await expect(card).toContainText(id('reports.approvals.escalated', { date: '' }).trim().split(' ')[0])
  await expectUsable(manager, '/approvals')
  // the decision buttons post to the registration and come back to the queue
  await card.locator('input[name="reason"]').first().fill('Pelanggan langsung vendor')
  await card.getByRole('button', { name: id('deals.reject') }).click()
  await expect(manager).toHaveURL(/\/approvals\?age=overdue/)
  await expect(manager.locator('.toast')).toContainText(id('deals.rejected'))
  await expect(manager.locator('li.card', { hasText: 'PT Arsip Lama Sentosa' })).toHaveCount(0)

  await manager.goto('/partners')
  await expectUsable(manager, '/partners')
  await manager.getByRole('link', { name: 'PT Maju Jaya Solusi' }).click()
  await expect(manager.getByRole('heading', { level: 1 })).toHaveText('PT Maju Jaya Solusi')
  await expectUsable(manager, 'partner 360')
  await manager.goto('/reports')
  await expect(manager.locator('svg[role="img"]').first()).toBeVisible()
  await expectUsable(manager, '/reports')
  const csv = await manager.request.get('/reports/opportunities.csv')
  expect(csv.headers()['content-type']).toContain('text/csv')
  expect([...new Uint8Array(await csv.body()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
})
