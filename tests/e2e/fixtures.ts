import fs from 'node:fs'
import path from 'node:path'
import { expect, test as base, type Page } from '@playwright/test'

export const PASSWORD = 'mitra-demo-2026'
export const LOGINS = {
  admin: 'admin@mitra.test',
  manager: 'manager@mitra.test',
  procurement: 'procurement@mitra.test',
  sales: 'sales@mitra.test',
  partnerAdmin: 'admin@majujaya.test',
  partnerUser: 'user@majujaya.test',
  otherPartner: 'admin@sinardigital.test',
  supplier: 'admin@sumbermakmur.test',
} as const

export async function login(page: Page, email: string, password = PASSWORD) {
  await page.goto('/login')
  await page.locator('input[name="email"]').fill(email)
  await page.locator('input[name="password"]').fill(password)
  await page.locator('form button[type="submit"]').last().click()
  await expect(page).not.toHaveURL(/\/login/)
}

/** A page signed in as one role, in English so assertions read naturally. */
export const test = base.extend<{ asRole: (who: keyof typeof LOGINS, locale?: 'en' | 'id') => Promise<Page> }>({
  asRole: async ({ browser }, provide) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = []
    await provide(async (who, locale = 'en') => {
      const context = await browser.newContext({ locale: locale === 'en' ? 'en-US' : 'id-ID' })
      contexts.push(context)
      const page = await context.newPage()
      await login(page, LOGINS[who])
      return page
    })
    for (const c of contexts) await c.close()
  },
})
export { expect }

/** Waits for a mail to a recipient in the directory the e2e SMTP server writes to. */
export async function waitForMail(to: string, timeoutMs = 20_000): Promise<string> {
  const dir = process.env.E2E_MAIL_DIR!
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    for (const file of fs.readdirSync(dir).sort().reverse()) {
      const raw = fs.readFileSync(path.join(dir, file), 'utf8')
      if (raw.toLowerCase().includes(`to: ${to.toLowerCase()}`)) return raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=')
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`no mail to ${to} within ${timeoutMs} ms`)
}
