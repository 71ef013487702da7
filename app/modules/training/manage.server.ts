import { and, asc, count, eq, gt, isNotNull, lte, sql } from 'drizzle-orm'
import { trainingAttempts, trainingCertificates } from '../../../db/schema/training'
import { paginate } from '../../kit/paginate'
import { DAY_MS } from '../../utils/dates'
import { db } from '../../utils/db.server'
import { assertCan, type Actor } from '../auth/actor'
import { organisationNames, userNames } from '../orgs/orgs.server'
import { activeCertifications, certificationTitles, pick } from './internal.server'

export const EXPIRING_WINDOW_DAYS = 60

/** Certifications by partner: valid certificates, certified people and those expiring soon, per partner organisation. */
export async function certificationsByPartner(actor: Actor, opts: { page?: number; now?: number } = {}) {
  assertCan(actor, 'read:certificate')
  assertCan(actor, 'grant:certificate')
  const now = opts.now ?? Date.now()
  const valid = and(eq(trainingCertificates.status, 'valid'), gt(trainingCertificates.expiresAt, now))
  const page = paginate(opts, {
    rows: (limit, offset) =>
      db
        .select({
          orgId: trainingCertificates.orgId,
          certificates: count(),
          people: sql<number>`count(distinct ${trainingCertificates.userId})`,
          expiring: sql<number>`sum(case when ${trainingCertificates.expiresAt} <= ${now + EXPIRING_WINDOW_DAYS * DAY_MS} then 1 else 0 end)`,
        })
        .from(trainingCertificates)
        .where(valid)
        .groupBy(trainingCertificates.orgId)
        .orderBy(sql`count(*) desc`, asc(trainingCertificates.orgId))
        .limit(limit)
        .offset(offset)
        .all(),
    count: () => Number(db.select({ n: sql<number>`count(distinct ${trainingCertificates.orgId})` }).from(trainingCertificates).where(valid).get()?.n ?? 0),
  })
  const names = organisationNames(page.rows.map((r) => r.orgId))
  return { ...page, rows: page.rows.map((r) => ({ id: r.orgId, name: names.get(r.orgId)?.name ?? '', tier: names.get(r.orgId)?.tier ?? null, certificates: r.certificates, people: Number(r.people), expiring: Number(r.expiring ?? 0) })) }
}

/** Valid certificates that expire within the window, soonest first. */
export async function expiringCertificates(actor: Actor, opts: { page?: number; now?: number; days?: number } = {}) {
  assertCan(actor, 'read:certificate')
  assertCan(actor, 'grant:certificate')
  const now = opts.now ?? Date.now()
  const where = and(eq(trainingCertificates.status, 'valid'), gt(trainingCertificates.expiresAt, now), lte(trainingCertificates.expiresAt, now + (opts.days ?? EXPIRING_WINDOW_DAYS) * DAY_MS))
  const page = paginate(opts, {
    rows: (limit, offset) => db.select().from(trainingCertificates).where(where).orderBy(asc(trainingCertificates.expiresAt)).limit(limit).offset(offset).all(),
    count: () => db.select({ n: count() }).from(trainingCertificates).where(where).get()?.n ?? 0,
  })
  const people = userNames(page.rows.map((r) => r.userId))
  const orgs = organisationNames(page.rows.map((r) => r.orgId))
  const titles = certificationTitles()
  return {
    ...page,
    rows: page.rows.map((c) => ({ id: c.id, holderName: people.get(c.userId) ?? '', orgName: orgs.get(c.orgId)?.name ?? '', certification: titles.get(c.certificationId) ? pick(titles.get(c.certificationId)!, actor.locale) : c.certificationId, expiresAt: c.expiresAt })),
  }
}

/** Pass rates per exam: graded attempts, passes and the rate. */
export async function examPassRates(actor: Actor) {
  assertCan(actor, 'read:certificate')
  assertCan(actor, 'grant:certificate')
  const rows = db
    .select({ certificationId: trainingAttempts.certificationId, attempts: count(), passed: sql<number>`sum(case when ${trainingAttempts.passed} = 1 then 1 else 0 end)` })
    .from(trainingAttempts)
    .where(isNotNull(trainingAttempts.submittedAt))
    .groupBy(trainingAttempts.certificationId)
    .all()
  const byId = new Map(rows.map((r) => [r.certificationId, r]))
  return activeCertifications().map((c) => {
    const r = byId.get(c.id)
    const attempts = r?.attempts ?? 0
    const passed = Number(r?.passed ?? 0)
    return { id: c.id, title: pick(c.definition.title, actor.locale), attempts, passed, ratePct: attempts ? Math.round((100 * passed) / attempts) : null }
  })
}
