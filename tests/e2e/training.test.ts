import fs from 'node:fs'
import { readCourseFiles } from '../../app/modules/training/course-files.server'
import { translate } from '../../app/utils/i18n'
import { expect, test } from './fixtures'
import { expectUsable } from './page-checks'

// The demo users' language setting is Bahasa Indonesia (scripts/seed.ts), so pages speak it.
const id = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('id', key, params)
const course = readCourseFiles().find((f) => f.id === 'product-fundamentals')!
const associate = course.certification!

test('a partner user studies a course, passes the exam, downloads the certificate, a stranger verifies it, and the partner rises a tier', async ({ asRole, browser }) => {
  test.slow() // a course, an exam, a download and a public page
  const page = await asRole('partnerUser')

  // before: PT Maju Jaya Solusi is Gold; Platinum needs a second associate
  await page.goto('/')
  const tierSection = page.locator('section.tier-progress')
  await expect(tierSection).toContainText(id('training.tier.current', { tier: id('tiers.gold') }))
  await expect(tierSection).toContainText(id('training.tier.peopleCert', { have: 1, need: 2, certification: associate.title.id }))

  await page.goto('/training')
  await expectUsable(page)
  await page.getByRole('link', { name: course.content.title.id }).first().click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(course.content.title.id)
  await expectUsable(page)
  // read every module; the last button finishes the course
  for (const [i, m] of course.content.modules.entries()) {
    await expect(page.getByRole('heading', { level: 2, name: m.title.id })).toBeVisible()
    const last = i === course.content.modules.length - 1
    await page.getByRole('button', { name: last ? id('training.markDoneLast') : id('training.markDone') }).click()
    await expect(page.locator('.toast')).toContainText(last ? id('training.courseFinished') : id('training.moduleSaved'))
  }
  await page.getByRole('link', { name: `${id('training.takeExam')}: ${associate.title.id}` }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(id('training.exam.title', { title: associate.title.id }))
  await expectUsable(page)

  page.once('dialog', (d) => void d.accept())
  await page.getByRole('button', { name: id('training.exam.start') }).click()
  await expect(page.locator('fieldset.question')).toHaveCount(associate.questionCount)
  await expectUsable(page)
  // the answer key is nowhere in what the browser received
  const html = await page.content()
  expect(html).not.toMatch(/"correct"|correct:/)
  // answer as someone who studied: the right options, by the question ids in the form
  const names = await page.locator('fieldset.question input').evaluateAll((inputs) => [...new Set(inputs.map((i) => (i as HTMLInputElement).name))])
  for (const name of names) {
    const q = associate.questions.find((x) => `q.${x.id}` === name)!
    for (const o of q.options.filter((x) => x.correct)) await page.locator(`input[name="${name}"][value="${o.key}"]`).check()
  }
  page.once('dialog', (d) => void d.accept())
  await page.getByRole('button', { name: id('training.exam.submit') }).click()
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(id('training.exam.resultPassed', { score: 100 })) })).toBeVisible()
  await expectUsable(page)

  // the certificate: its page, its PDF
  await page.getByRole('link', { name: id('training.exam.viewCertificate') }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText(associate.title.id)
  await expectUsable(page)
  const downloading = page.waitForEvent('download')
  await page.getByRole('link', { name: id('training.downloadPdf') }).click()
  const file = await (await downloading).path()
  expect(fs.readFileSync(file!).subarray(0, 5).toString()).toBe('%PDF-')
  const code = (await page.locator('dl.facts code').textContent())!.trim()
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)

  // anyone with the code sees it valid, without signing in (an English-speaking visitor)
  const stranger = await (await browser.newContext({ locale: 'en-US' })).newPage()
  await stranger.goto(`/verify/${code}`)
  await expect(stranger.getByText(translate('en', 'training.verify.valid'))).toBeVisible()
  await expect(stranger.locator('dl.facts')).toContainText('Rina Kusuma')
  await expect(stranger.locator('dl.facts')).toContainText(associate.title.en)
  await expectUsable(stranger)
  // a code that does not exist: the same page shape, nothing about it
  const miss = await stranger.goto('/verify/AAAA-BBBB-CCCC')
  expect(miss?.status()).toBe(404)
  await expect(stranger.getByText(translate('en', 'training.verify.notFound'))).toBeVisible()
  await stranger.context().close()

  // the tier rose at once, with its reasons on the home page
  await page.goto('/')
  await expect(tierSection).toContainText(id('training.tier.current', { tier: id('tiers.platinum') }))
  await expect(tierSection).toContainText(`${id('tiers.gold')} → ${id('tiers.platinum')}`)
  await expect(tierSection).toContainText(id('training.tier.because'))
  await expectUsable(page)
})

test('vendor staff see certifications by partner, expiring ones and pass rates; the admin sets the tier rules', async ({ asRole }) => {
  test.slow()
  const manager = await asRole('manager')
  await manager.goto('/training/manage')
  await expect(manager.locator('table')).toContainText('CV Sinar Digital')
  await expectUsable(manager)
  await manager.getByRole('link', { name: id('training.manage.expiring') }).click()
  await expect(manager.locator('table')).toContainText('Hendra Wijaya')
  await expectUsable(manager)
  await manager.getByRole('link', { name: id('training.manage.passRates') }).click()
  await expect(manager.locator('table')).toContainText(associate.title.id)
  await expectUsable(manager)
  await manager.goto('/training/manage/grant')
  await expectUsable(manager)

  const admin = await asRole('admin')
  await admin.goto('/settings/tiers')
  await expectUsable(admin)
  // a bad number is refused beside its field, the rest kept
  await admin.locator('input[name="gold.people"]').fill('dua')
  await admin.getByRole('button', { name: id('actions.save') }).click()
  await expect(admin.locator('.field:has(input[name="gold.people"]) .field-error')).toHaveText(id('training.errors.count'))
  await admin.locator('input[name="gold.people"]').fill('')
  await admin.getByRole('button', { name: id('actions.save') }).click()
  await expect(admin.locator('.toast')).toContainText(id('training.tiers.saved', { changed: 0, partners: 3 }).split(';')[0])
})
