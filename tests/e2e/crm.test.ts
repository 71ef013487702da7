import { expect, test } from './fixtures'

test('sales creates an account, a contact and an opportunity, then moves it through stages', async ({ asRole }) => {
  const page = await asRole('sales')
  const name = `PT Uji Coba ${Date.now()}`
  await page.goto('/accounts/new')
  // bad input keeps what was typed and says what is wrong
  await page.locator('input[name="name"]').fill(name)
  await page.locator('input[name="npwp"]').fill('123')
  await page.locator('form button[type="submit"]').last().click()
  await expect(page.locator('.field:has(input[name="npwp"]) .field-error')).toBeVisible()
  await expect(page.locator('input[name="npwp"]')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.locator('input[name="name"]')).toHaveValue(name)
  await page.locator('input[name="npwp"]').fill('01.234.567.8-901.000')
  await page.locator('input[name="website"]').fill('ujicoba.co.id')
  await page.locator('input[name="city"]').fill('Bandung')
  await page.locator('form button[type="submit"]').last().click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name)
  const accountUrl = page.url()

  await page.locator(`a[href^="/contacts/new?accountId="]`).click()
  await page.locator('input[name="firstName"]').fill('Sari')
  await page.locator('input[name="lastName"]').fill('Wijaya')
  await page.locator('input[name="email"]').fill('sari@ujicoba.co.id')
  await page.locator('form button[type="submit"]').last().click()
  await expect(page).toHaveURL(accountUrl)
  await expect(page.getByRole('link', { name: 'Sari Wijaya' })).toBeVisible()

  await page.locator(`a[href^="/opportunities/new?accountId="]`).click()
  await page.locator('input[name="name"]').fill('Network refresh')
  await page.locator('input[name="amount"]').fill('12.500.000')
  await page.locator('form button[type="submit"]').last().click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Network refresh')
  await expect(page.locator('dl.facts')).toContainText('Rp')
  await expect(page.locator('dl.facts')).toContainText('12.500.000')

  const stages = page.locator('ol.stage-path button')
  const next = (await stages.first().textContent())!.trim()
  await stages.first().click()
  await expect(page.locator('[aria-current="step"]')).toHaveText(next)
  const after = (await page.locator('ol.stage-path button').nth(1).textContent())!.trim()
  await page.locator('ol.stage-path button').nth(1).click()
  await expect(page.locator('[aria-current="step"]')).toHaveText(after)

  await page.goto(accountUrl)
  await expect(page.getByRole('link', { name: 'Network refresh' })).toBeVisible()
})

test('the accounts list searches, sorts and pages through the URL', async ({ asRole }) => {
  const page = await asRole('manager')
  await page.goto('/accounts?sort=name&dir=desc')
  const first = await page.locator('tbody tr td a').first().textContent()
  await page.goto('/accounts?sort=name&dir=asc')
  expect(await page.locator('tbody tr td a').first().textContent()).not.toBe(first)
  await page.goto('/accounts?page=2')
  await expect(page.locator('nav.pagination a[rel="prev"]')).toBeVisible()
  await page.goto('/accounts?q=zzzz-nothing-matches')
  await expect(page.locator('.empty-state')).toBeVisible()
})
