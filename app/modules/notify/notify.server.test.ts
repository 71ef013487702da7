import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { emailOutbox, notifications } from '../../../db/schema'
import { mutate } from '../../kit/mutate.server'
import { db } from '../../utils/db.server'
import { makeActor, makeOrg, makeUser } from '../../../tests/factories'
import { mailText, startSmtpServer } from '../../../tests/helpers/smtp'
import { deliverPendingEmails, listNotifications, markNotificationRead, notify, resetMailTransport, unreadCount } from './notify.server'
import { NotFound } from '../../utils/errors'
import { resetEnvCache } from '../../utils/env.server'

const smtpEnv = ['SMTP_HOST', 'SMTP_PORT']
afterEach(() => {
  for (const k of smtpEnv) delete process.env[k]
  resetEnvCache()
  resetMailTransport()
})

async function withSmtp(failFirst = 0) {
  const smtp = await startSmtpServer({ failFirst })
  process.env.SMTP_HOST = '127.0.0.1'
  process.env.SMTP_PORT = String(smtp.port)
  resetEnvCache()
  resetMailTransport()
  return smtp
}

describe('notify', () => {
  it('writes an in-app notification in the recipient language and queues the email', async () => {
    const org = makeOrg({ kind: 'partner' })
    const user = await makeUser({ orgId: org.id, role: 'partner_user', locale: 'id', name: 'Siti' })
    await mutate(null, (ctx) => notify(ctx, user.id, 'invitation', { org: 'PT Contoh', inviter: 'Budi', days: 7 }, '/'))
    const n = db.select().from(notifications).where(eq(notifications.recipientId, user.id)).get()!
    const mail = db.select().from(emailOutbox).where(eq(emailOutbox.to, user.email)).get()!
    expect(n.title).toBe(mail.subject)
    expect(mail.text).toContain('PT Contoh')
    expect(mail.text).toContain('Siti')
  })

  it('shows a stored notification in the language the reader has now, not the one it was written in', async () => {
    const reader = await makeActor({ role: 'partner_user' })
    await mutate(null, (ctx) => notify(ctx, reader.userId, 'deal_rejected', { customer: 'PT Contoh', reason: 'Akun langsung vendor', until: '', question: '' }, '/deals/x', { email: false }))
    const inIndonesian = (await listNotifications({ ...reader, locale: 'id' })).rows[0]
    const inEnglish = (await listNotifications({ ...reader, locale: 'en' })).rows[0]
    expect(inIndonesian.title).not.toBe(inEnglish.title)
    expect(inEnglish.title).toMatch(/rejected/i)
    expect(inIndonesian.title).toMatch(/ditolak/i)
    // the reason travels with it, in both languages
    expect(inEnglish.body).toContain('Akun langsung vendor')
    expect(inIndonesian.body).toContain('Akun langsung vendor')
  })

  it('rolls the notification back with the decision that failed', async () => {
    const org = makeOrg({ kind: 'partner' })
    const user = await makeUser({ orgId: org.id, role: 'partner_user' })
    await expect(
      mutate(null, (ctx) => {
        notify(ctx, user.id, 'invitation', { org: 'X', inviter: 'Y', days: 7 })
        throw new Error('decision failed')
      }),
    ).rejects.toThrow('decision failed')
    expect(db.select().from(notifications).where(eq(notifications.recipientId, user.id)).all()).toHaveLength(0)
    expect(db.select().from(emailOutbox).where(eq(emailOutbox.to, user.email)).all()).toHaveLength(0)
  })

  it('counts unread, marks read, and never lets one user touch another user’s notification', async () => {
    const a = await makeActor({ role: 'partner_user' })
    const b = await makeActor({ role: 'partner_user' })
    await mutate(null, (ctx) => notify(ctx, a.userId, 'invitation', { org: 'X', inviter: 'Y', days: 7 }, null, { email: false }))
    expect(await unreadCount(a)).toBe(1)
    const id = (await listNotifications(a)).rows[0].id
    await expect(markNotificationRead(b, id)).rejects.toThrow(NotFound)
    await markNotificationRead(a, id)
    expect(await unreadCount(a)).toBe(0)
  })
})

describe('email delivery', () => {
  it('sends queued mail through SMTP and marks it sent', async () => {
    const smtp = await withSmtp()
    try {
      const org = makeOrg({ kind: 'partner' })
      const user = await makeUser({ orgId: org.id, role: 'partner_user', locale: 'en' })
      await mutate(null, (ctx) => notify(ctx, user.id, 'invitation', { org: 'PT Mail', inviter: 'Ann', days: 7 }, '/x'))
      const result = await deliverPendingEmails()
      expect(result.sent).toBeGreaterThanOrEqual(1)
      const got = smtp.received.find((m) => m.to.includes(user.email))!
      expect(mailText(got.raw)).toContain('PT Mail')
      expect(db.select().from(emailOutbox).where(eq(emailOutbox.to, user.email)).get()?.status).toBe('sent')
    } finally {
      await smtp.close()
    }
  })

  it('keeps a failed message pending and retries it later', async () => {
    const smtp = await withSmtp(1)
    try {
      const org = makeOrg({ kind: 'partner' })
      const user = await makeUser({ orgId: org.id, role: 'partner_user' })
      await mutate(null, (ctx) => notify(ctx, user.id, 'invitation', { org: 'Retry', inviter: 'Ann', days: 7 }))
      const now = Date.now()
      expect((await deliverPendingEmails(now)).failed).toBe(1)
      const row = db.select().from(emailOutbox).where(eq(emailOutbox.to, user.email)).get()!
      expect(row.status).toBe('pending')
      expect(row.lastError).toMatch(/try again/)
      expect((await deliverPendingEmails(now + 1000)).sent).toBe(0)
      expect((await deliverPendingEmails(row.nextAttemptAt + 1)).sent).toBe(1)
      expect(smtp.received.filter((m) => m.to.includes(user.email))).toHaveLength(1)
    } finally {
      await smtp.close()
    }
  })

  it('writes .eml files under data/outbox when no SMTP server is configured', async () => {
    const org = makeOrg({ kind: 'partner' })
    const user = await makeUser({ orgId: org.id, role: 'partner_user' })
    await mutate(null, (ctx) => notify(ctx, user.id, 'invitation', { org: 'Outbox', inviter: 'Ann', days: 7 }))
    await deliverPendingEmails()
    const dir = path.join(process.env.DATA_DIR!, 'outbox')
    const files = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    expect(files.some((f) => f.includes(user.email) && mailText(f).includes('Outbox'))).toBe(true)
  })
})
