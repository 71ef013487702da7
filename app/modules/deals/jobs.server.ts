import { and, eq, isNull, lte, or, sql } from 'drizzle-orm'
import { dealRegistrations } from '../../../db/schema/deals'
import { mutate } from '../../kit/mutate.server'
import { DAY_MS, formatLongDate } from '../../utils/dates'
import { db } from '../../utils/db.server'
import { notify } from '../notify/notify.server'
import { recipient } from '../orgs/orgs.server'
import { closeRegistrationKeys } from './conflicts.server'
import { dealMachine } from './deals.machine'
import { dealLink } from './internal.server'

export const REMINDER_DAYS = [14, 7, 1] as const

/** Daily: approved registrations past their protection period expire. Idempotent. */
export async function expireStaleRegistrations(now = Date.now()) {
  const due = db
    .select()
    .from(dealRegistrations)
    .where(and(eq(dealRegistrations.status, 'approved'), lte(dealRegistrations.protectedUntil, now)))
    .limit(1000)
    .all()
  for (const reg of due) {
    await mutate(
      null,
      (ctx) => {
        const fresh = ctx.tx.select().from(dealRegistrations).where(eq(dealRegistrations.id, reg.id)).get()
        if (!fresh || fresh.status !== 'approved' || !fresh.protectedUntil || fresh.protectedUntil > now) return
        const status = dealMachine.next(fresh.status, 'expire')
        ctx.tx.update(dealRegistrations).set({ status, updatedAt: now }).where(eq(dealRegistrations.id, reg.id)).run()
        closeRegistrationKeys(ctx.tx, reg.id)
        ctx.audit('deal_registration', reg.id, 'expired', { status: fresh.status }, { status })
        notify(ctx, reg.submittedBy, 'deal_expired', { customer: reg.customerName }, dealLink(reg.id))
      },
      { now },
    )
  }
  return { expired: due.length }
}

/** Daily: reminders 14, 7 and 1 day before protection ends, each sent once. */
export async function sendExpiryReminders(now = Date.now()) {
  const horizon = now + REMINDER_DAYS[0] * DAY_MS
  const due = db
    .select()
    .from(dealRegistrations)
    .where(and(eq(dealRegistrations.status, 'approved'), lte(dealRegistrations.protectedUntil, horizon), or(isNull(dealRegistrations.reminderSent), sql`${dealRegistrations.reminderSent} > 1`)))
    .limit(1000)
    .all()
  let sent = 0
  for (const reg of due) {
    if (!reg.protectedUntil || reg.protectedUntil <= now) continue
    const daysLeft = Math.ceil((reg.protectedUntil - now) / DAY_MS)
    const step = [...REMINDER_DAYS].reverse().find((d) => daysLeft <= d)
    if (!step || (reg.reminderSent !== null && reg.reminderSent <= step)) continue
    await mutate(
      null,
      (ctx) => {
        const claimed = ctx.tx
          .update(dealRegistrations)
          .set({ reminderSent: step })
          .where(and(eq(dealRegistrations.id, reg.id), reg.reminderSent === null ? isNull(dealRegistrations.reminderSent) : eq(dealRegistrations.reminderSent, reg.reminderSent)))
          .run().changes
        if (!claimed) return
        const to = recipient(reg.submittedBy)
        const until = to ? formatLongDate(reg.protectedUntil!, to.locale, to.timeZone) : ''
        notify(ctx, reg.submittedBy, 'deal_expiring', { customer: reg.customerName, days: daysLeft, until }, dealLink(reg.id))
        ctx.audit('deal_registration', reg.id, 'reminder_sent', null, { daysLeft, protectedUntil: reg.protectedUntil })
        sent++
      },
      { now },
    )
  }
  return { reminders: sent }
}
