import { expect, test } from './fixtures'

test('a partner cannot open vendor pages nor another partner’s records', async ({ asRole }) => {
  const manager = await asRole('manager')
  await manager.goto('/accounts')
  const accountHref = await manager.locator('tbody tr td a').first().getAttribute('href')
  await manager.goto('/organisations?kind=partner')
  const otherPartnerHref = await manager.getByRole('link', { name: 'CV Sinar Digital' }).getAttribute('href')

  const partner = await asRole('partnerUser')
  for (const url of ['/accounts', '/contacts', '/leads', '/opportunities', '/accounts/new', accountHref!, otherPartnerHref!, `${otherPartnerHref}/edit`]) {
    const response = await partner.goto(url)
    expect(response!.status(), url).not.toBe(200)
    expect([403, 404], url).toContain(response!.status())
  }
  // their own organisation is fine
  await partner.goto('/organisations')
  await expect(partner).toHaveURL(/\/organisations\/[a-z0-9]+$/)
  await expect(partner.getByRole('heading', { level: 1 })).toHaveText('PT Maju Jaya Solusi')
})
