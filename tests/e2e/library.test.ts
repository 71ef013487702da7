import fs from 'node:fs'
import PDFDocument from 'pdfkit'
import { translate } from '../../app/utils/i18n'
import { expect, test } from './fixtures'
import { expectUsable } from './page-checks'

/** A real PDF whose text holds a word no other item has, so only document-text search finds it. */
function pdfWith(text: string): Promise<Buffer> {
  const doc = new PDFDocument({ compress: true })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  doc.fontSize(14).text(text)
  doc.end()
  return done
}

test('a manager shares a price list with Gold partners; a Gold partner finds it by its text and downloads it; a Silver partner cannot', async ({ asRole }) => {
  test.slow() // three roles, an upload and a download
  const word = `kuotaemas${Date.now().toString(36)}`
  // demo users read Indonesian (their saved language), so pages show the Indonesian title
  const title = `Daftar harga Gold ${word.slice(-5)}`

  const manager = await asRole('manager')
  await manager.goto('/library')
  await expect(manager.getByRole('heading', { level: 1 })).toHaveText(translate('id', 'library.title'))
  await expectUsable(manager, '/library (manager)')
  await manager.getByRole('link', { name: translate('id', 'library.new') }).click()
  await expect(manager).toHaveURL(/\/library\/new$/)
  await expectUsable(manager, '/library/new')
  await manager.locator('select[name="category"]').selectOption('price_list')
  await manager.locator('input[name="titleId"]').fill(title)
  await manager.locator('input[name="titleEn"]').fill(`Gold price list ${word.slice(-5)}`)
  await manager.locator('textarea[name="descriptionEn"]').fill('Special prices for this quarter.')
  await manager.locator('input[name="tags"]').fill('harga, gold')
  await manager.locator('input[name="audience"][value="tiers"]').check()
  // choosing "tiers" without a tier keeps what was typed and says why
  await manager.getByRole('button', { name: translate('id', 'library.save') }).click()
  await expect(manager.getByText(translate('id', 'library.errors.chooseTier'))).toBeVisible()
  await expect(manager.locator('input[name="titleId"]')).toHaveValue(title)
  await manager.locator('input[name="tiers"][value="gold"]').check()
  await manager.locator('input[name="file"]').setInputFiles({ name: 'gold-prices.pdf', mimeType: 'application/pdf', buffer: await pdfWith(`Harga khusus ${word} untuk mitra Gold.`) })
  await manager.locator('input[name="note"]').fill('First edition')
  await manager.getByRole('button', { name: translate('id', 'library.save') }).click()
  await expect(manager.getByRole('heading', { level: 1 })).toHaveText(title)
  const itemUrl = new URL(manager.url()).pathname
  const fileHref = (await manager.locator(`a[href^="${itemUrl}/files/"]`).first().getAttribute('href'))!
  await expectUsable(manager, 'library item (manager)')

  // the Gold partner (PT Maju Jaya) finds it by a word that is only inside the PDF
  const gold = await asRole('partnerUser')
  await gold.goto(`/library?q=${word}`)
  await expect(gold.getByText(translate('id', 'library.results', { count: '1', q: word }))).toBeVisible()
  await expect(gold.locator('.snippet mark').first()).toHaveText(word)
  await expectUsable(gold, '/library search (partner)')
  await gold.getByRole('link', { name: title }).click()
  await expect(gold.getByRole('heading', { level: 1 })).toHaveText(title)
  await expectUsable(gold, 'library item (partner)')
  const [download] = await Promise.all([gold.waitForEvent('download'), gold.getByRole('link', { name: /Unduh versi terbaru/ }).click()])
  expect(download.suggestedFilename()).toBe('gold-prices.pdf')
  const bytes = fs.readFileSync((await download.path())!)
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')

  // the Silver partner (CV Sinar Digital): not in search, 404 for the page and the file
  const silver = await asRole('otherPartner')
  await silver.goto(`/library?q=${word}`)
  await expect(silver.getByText(translate('id', 'library.results', { count: '0', q: word }))).toBeVisible()
  await expect(silver.locator('body')).not.toContainText(title)
  expect((await silver.goto(itemUrl))!.status()).toBe(404)
  expect((await silver.request.get(fileHref)).status()).toBe(404)
  const served = (await gold.request.get(fileHref)).headers()
  expect(served['x-content-type-options']).toContain('nosniff')
  expect(served['content-disposition']).toMatch(/^attachment; filename="gold-prices\.pdf"/)
  expect(served['content-type']).toBe('application/pdf')

  // the manager sees who used it
  await manager.goto(`${itemUrl}/usage`)
  await expect(manager.getByRole('cell', { name: 'PT Maju Jaya Solusi' })).toBeVisible()
  await expectUsable(manager, 'item usage')
  await manager.goto('/library/usage')
  await expect(manager.getByRole('heading', { level: 1 })).toHaveText(translate('id', 'library.usage.title'))
  await expectUsable(manager, '/library/usage')
})
