import fs from 'node:fs'
import path from 'node:path'
import { and, asc, count, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm'
import { emailOutbox, notifications } from '../../../db/schema/notify'
import { mutate, type Ctx } from '../../kit/mutate.server'
import { db, preparedQuery } from '../../utils/db.server'
import { getEnv } from '../../utils/env.server'
import { NotFound } from '../../utils/errors'
import type { Locale } from '../../utils/i18n'
import { inBackground } from '../../utils/background'
import { newId } from '../../utils/ids'
import { logger } from '../../utils/logger.server'
import type { Actor } from '../auth/actor'
import { recipient } from '../orgs/orgs.server'
import { renderTemplate } from './templates.server'

/** Queues an email in the caller's transaction; delivery starts once it has committed. */
export function queueEmail(ctx: Ctx, to: string, kind: string, locale: Locale, params: Record<string, string | number>) {
  const { subject, text } = renderTemplate(kind, locale, params)
  ctx.tx.insert(emailOutbox).values({ id: newId(), to, subject, text, nextAttemptAt: ctx.now, createdAt: ctx.now }).run()
  ctx.afterCommit(kickEmailDelivery)
}

/**
 * Tells a user something happened: an in-app notification and an email, both written in
 * the caller's transaction so a rolled-back decision notifies nobody.
 */
export function notify(
  ctx: Ctx,
  recipientId: string,
  kind: string,
  params: Record<string, string | number>,
  link: string | null = null,
  options: { email?: boolean } = {},
) {
  const to = recipient(recipientId)
  if (!to) return
  const full = { name: to.name, link: link ? `${getEnv().APP_URL}${link}` : getEnv().APP_URL, ...params }
  const rendered = renderTemplate(kind, to.locale, full)
  ctx.tx
    .insert(notifications)
    .values({ id: newId(), recipientId, kind, title: rendered.subject, body: rendered.summary || null, link, params, createdAt: ctx.now })
    .run()
  if (options.email !== false) queueEmail(ctx, to.email, kind, to.locale, full)
}

const unreadQuery = preparedQuery((db) =>
  db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.recipientId, sql.placeholder('userId')), isNull(notifications.readAt)))
    .prepare(),
)

export async function unreadCount(actor: Actor): Promise<number> {
  return unreadQuery().get({ userId: actor.userId })?.n ?? 0
}

export async function listNotifications(actor: Actor, { page = 1, pageSize = 20 } = {}) {
  const where = eq(notifications.recipientId, actor.userId)
  const rows = db.select().from(notifications).where(where).orderBy(desc(notifications.createdAt)).limit(pageSize).offset((page - 1) * pageSize).all()
  const total = db.select({ n: count() }).from(notifications).where(where).get()?.n ?? 0
  return { rows: rows.map((n) => inReadersLanguage(actor, n)), total, page, pageSize }
}

/** A stored notification rendered now, in the reader's language (older rows keep the text they were stored with). */
function inReadersLanguage(actor: Actor, n: typeof notifications.$inferSelect) {
  const { params, ...row } = n
  if (!params) return row
  const rendered = renderTemplate(n.kind, actor.locale, { name: actor.name, link: n.link ? `${getEnv().APP_URL}${n.link}` : getEnv().APP_URL, ...params })
  return { ...row, title: rendered.subject, body: rendered.summary || null }
}

export async function markNotificationRead(actor: Actor, id: string) {
  const changed = db
    .update(notifications)
    .set({ readAt: Date.now() })
    .where(and(eq(notifications.id, id), eq(notifications.recipientId, actor.userId)))
    .run().changes
  if (!changed) throw new NotFound()
}

/** What the list showed the reader counts as read (the page sends the ids it displayed, by POST). */
export async function markNotificationsSeen(actor: Actor, ids: string[]) {
  if (!ids.length) return
  await mutate(actor, (ctx) =>
    ctx.tx
      .update(notifications)
      .set({ readAt: ctx.now })
      .where(and(inArray(notifications.id, ids.slice(0, 100)), eq(notifications.recipientId, actor.userId), isNull(notifications.readAt)))
      .run(),
  )
}

export async function markAllNotificationsRead(actor: Actor) {
  db.update(notifications)
    .set({ readAt: Date.now() })
    .where(and(eq(notifications.recipientId, actor.userId), isNull(notifications.readAt)))
    .run()
}

// ---- delivery ------------------------------------------------------------------------
type Transport = { sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown> }
let transport: Transport | undefined

async function getTransport(): Promise<Transport> {
  if (transport) return transport
  // loaded by the first e-mail, not at start-up
  const nodemailer = (await import('nodemailer')).default
  const env = getEnv()
  if (env.SMTP_HOST) {
    transport = nodemailer.createTransport({
      host: env.SMTP_HOST,
      port: env.SMTP_PORT,
      secure: env.SMTP_SECURE,
      auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASS ?? '' } : undefined,
      // local test servers use self-signed certificates
      tls: { rejectUnauthorized: env.NODE_ENV === 'production' },
    })
  } else {
    // Without SMTP settings (development) each message becomes an .eml file under data/outbox/.
    const dir = path.join(env.DATA_DIR, 'outbox')
    const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
    transport = {
      async sendMail(message) {
        const info = (await stream.sendMail(message)) as { message: Buffer }
        fs.mkdirSync(dir, { recursive: true })
        fs.writeFileSync(path.join(dir, `${Date.now()}-${newId()}.eml`), info.message)
      },
    }
  }
  return transport
}

/** For tests and configuration changes. */
export function resetMailTransport() {
  transport = undefined
}

const MAX_ATTEMPTS = 8

/** Sends queued email; failures back off exponentially and give up after MAX_ATTEMPTS. */
export async function deliverPendingEmails(now = Date.now(), limit = 50): Promise<{ sent: number; failed: number }> {
  const due = db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.status, 'pending'), lte(emailOutbox.nextAttemptAt, now)))
    .orderBy(asc(emailOutbox.createdAt))
    .limit(limit)
    .all()
  let sent = 0
  let failed = 0
  const from = getEnv().MAIL_FROM
  for (const mail of due) {
    // claim the row first so a concurrent runner skips it
    const claimed = db
      .update(emailOutbox)
      .set({ nextAttemptAt: now + 10 * 60_000, attempts: mail.attempts + 1 })
      .where(and(eq(emailOutbox.id, mail.id), eq(emailOutbox.attempts, mail.attempts)))
      .run().changes
    if (!claimed) continue
    try {
      await (await getTransport()).sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text })
      db.update(emailOutbox).set({ status: 'sent', sentAt: Date.now(), lastError: null }).where(eq(emailOutbox.id, mail.id)).run()
      sent++
    } catch (error) {
      failed++
      const attempts = mail.attempts + 1
      db.update(emailOutbox)
        .set({
          status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
          lastError: String((error as Error).message ?? error).slice(0, 500),
          nextAttemptAt: now + 2 ** attempts * 30_000,
        })
        .where(eq(emailOutbox.id, mail.id))
        .run()
    }
  }
  return { sent, failed }
}

/** Starts delivery right after a commit, without making the request wait for SMTP. */
export function kickEmailDelivery() {
  // batch scripts (the seed) leave delivery to the job instead of racing their own exit
  if (process.env.MITRA_EMAIL_KICK === 'off') return
  inBackground(() => deliverPendingEmails()).catch((error) => logger().error({ err: error }, 'email delivery failed'))
}
