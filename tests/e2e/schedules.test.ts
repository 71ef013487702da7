import { translate } from '../../app/utils/i18n'
import { expect, test } from './fixtures'
import { expectUsable } from './page-checks'

test('a manager invites Gold partners; the invitation is accepted and appears in the partner’s calendar feed', async ({ asRole, playwright }) => {
  test.slow() // two roles, several pages, a feed fetched like a calendar app would
  // demo users read Indonesian (their saved language)
  const title = `Kickoff mitra ${Date.now().toString(36)}`
  const date = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)

  const manager = await asRole('manager')
  await manager.goto('/events')
  await expectUsable(manager, '/events (month)')
  await manager.getByRole('link', { name: translate('id', 'schedules.new') }).click()
  await expectUsable(manager, '/events/new')
  await manager.locator('input[name="titleId"]').fill(title)
  await manager.locator('input[name="titleEn"]').fill(`Partner kickoff ${title.slice(-6)}`)
  await manager.locator('input[name="startsLocal"]').fill(`${date}T10:00`)
  await manager.locator('input[name="endsLocal"]').fill(`${date}T09:00`)
  await manager.locator('select[name="timeZone"]').selectOption('Asia/Makassar')
  await manager.locator('input[name="location"]').fill('Makassar')
  await manager.locator('input[name="capacity"]').fill('20')
  await manager.locator('input[name="inviteTiers"][value="gold"]').check()
  await manager.getByRole('button', { name: translate('id', 'schedules.save') }).click()
  await expect(manager.getByText(translate('id', 'schedules.errors.endBeforeStart'))).toBeVisible()
  await manager.locator('input[name="endsLocal"]').fill(`${date}T12:00`)
  await manager.getByRole('button', { name: translate('id', 'schedules.save') }).click()
  await expect(manager.getByRole('heading', { level: 1 })).toHaveText(title)
  const eventPath = new URL(manager.url()).pathname
  await expectUsable(manager, 'event page (manager)')

  // the Gold partner sees it in the week view and accepts
  const partner = await asRole('partnerUser')
  await partner.goto(`/events?view=week&date=${date}`)
  await expectUsable(partner, '/events (week)')
  await partner.getByRole('link', { name: new RegExp(title) }).first().click()
  await expect(partner.getByRole('heading', { level: 1 })).toHaveText(title)
  // Makassar 10:00 is 09:00 in Jakarta, the partner's zone
  await expect(partner.locator('dl.facts dd').first()).toContainText(/09[.:]00/)
  await partner.getByRole('button', { name: translate('id', 'schedules.answer.yes') }).click()
  await expect(partner.getByText(translate('id', 'schedules.yourAnswer', { answer: translate('id', 'schedules.answered.yes') }))).toBeVisible()
  await expectUsable(partner, 'event page (partner)')
  await partner.goto('/events?view=list')
  await expect(partner.getByRole('link', { name: new RegExp(title) })).toBeVisible()
  await expectUsable(partner, '/events (list)')
  await partner.goto('/')
  await expect(partner.getByRole('heading', { name: translate('id', 'schedules.home.title') })).toBeVisible()
  await expect(partner.getByRole('link', { name: title })).toBeVisible()

  // the private feed, read without a session, carries the accepted event in its own zone
  await partner.goto('/events/feed')
  await expectUsable(partner, '/events/feed')
  await partner.getByRole('button', { name: translate('id', 'schedules.feed.create') }).click()
  const feedUrl = await partner.locator('#feed-url').inputValue()
  expect(feedUrl).toMatch(/\/calendar\/[a-z0-9]+\.ics$/)
  const anonymous = await playwright.request.newContext()
  const feed = await anonymous.get(feedUrl)
  expect(feed.status()).toBe(200)
  expect(feed.headers()['content-type']).toContain('text/calendar')
  const ics = (await feed.text()).replace(/\r?\n[ \t]/g, '')
  expect(ics).toContain(`SUMMARY:${title}`)
  expect(ics).toContain(`DTSTART;TZID=Asia/Makassar:${date.replaceAll('-', '')}T100000`)
  expect(ics).toContain('TZOFFSETTO:+0800')
  // the event's own .ics, and a guessed feed address
  expect((await partner.request.get(`${eventPath}/calendar.ics`)).status()).toBe(200)
  expect((await anonymous.get(feedUrl.replace(/\/calendar\/[a-z0-9]+/, '/calendar/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'))).status()).toBe(404)

  // a Silver partner was not invited: 404 for the page and its calendar file
  const silver = await asRole('otherPartner')
  expect((await silver.goto(eventPath))!.status()).toBe(404)
  expect((await silver.request.get(`${eventPath}/calendar.ics`)).status()).toBe(404)
  await anonymous.dispose()
})
