import { randomInt } from 'node:crypto'
import { and, asc, count, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm'
import { trainingCertificates } from '../../../db/schema/training'
import { mutate, type Ctx } from '../../kit/mutate.server'
import { paginate } from '../../kit/paginate'
import { DAY_MS, formatLongDate } from '../../utils/dates'
import { db } from '../../utils/db.server'
import { getEnv } from '../../utils/env.server'
import { InvalidTransition, ValidationFailed } from '../../utils/errors'
import { newId } from '../../utils/ids'
import { translate, type Locale } from '../../utils/i18n'
import { keyValues, renderPdf } from '../../utils/pdf.server'
import { assertCan, can, scopeOf, type Actor } from '../auth/actor'
import { notify } from '../notify/notify.server'
import { credentialsOf, membershipOf, organisationNames, recipient, userNames } from '../orgs/orgs.server'
import type { Lang } from './course-files.server'
import { addMonths, certificateLink, certificationTitles, findCertificateFor, findCertification, pick, type Certificate, type CertificationRow } from './internal.server'
import { CERTIFICATE_REMINDER_DAYS, certificateMachine, type CertificateStatus } from './training.machine'
import { reevaluateTier } from './tiers.server'
import type { GrantCertificateInput } from './training.schema'

// Crockford's base32 without I, L, O, U: a code read aloud or typed from paper is not mistaken.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const CODE_LENGTH = 12 // 60 bits: guessing a valid code is hopeless even without the rate limit

export function newVerificationCode(): string {
  let s = ''
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return s
}

/** ABCD-EFGH-JKMN as printed; any case, spaces or dashes are accepted back. */
export const formatCode = (code: string) => code.match(/.{1,4}/g)!.join('-')
export function normaliseCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  return s.length === CODE_LENGTH && [...s].every((c) => CODE_ALPHABET.includes(c)) ? s : null
}
export const verifyUrl = (code: string) => `${getEnv().APP_URL}/verify/${formatCode(code)}`

/** The status a reader sees: a valid certificate past its date is expired even before the job runs. */
export const statusAt = (c: Pick<Certificate, 'status' | 'expiresAt'>, now: number): CertificateStatus => (c.status === 'valid' && c.expiresAt <= now ? 'expired' : c.status)

/** Issues a certificate in the caller's transaction; a holder's earlier valid one of the same certification is superseded. */
export function issueCertificate(ctx: Ctx, input: { userId: string; orgId: string; certification: CertificationRow; source: 'exam' | 'grant'; attemptId: string | null; reason: string | null }) {
  const def = input.certification.definition
  const previous = ctx.tx.select().from(trainingCertificates).where(and(eq(trainingCertificates.userId, input.userId), eq(trainingCertificates.certificationId, input.certification.id), eq(trainingCertificates.status, 'valid'))).all()
  for (const p of previous) {
    const status = certificateMachine.next(p.status, 'expire')
    ctx.tx.update(trainingCertificates).set({ status, updatedAt: ctx.now }).where(eq(trainingCertificates.id, p.id)).run()
    ctx.audit('certificate', p.id, 'superseded', { status: p.status }, { status })
  }
  const row = {
    id: newId(),
    code: newVerificationCode(),
    userId: input.userId,
    orgId: input.orgId,
    certificationId: input.certification.id,
    status: 'valid' as const,
    source: input.source,
    attemptId: input.attemptId,
    issuedAt: ctx.now,
    expiresAt: addMonths(ctx.now, def.validityMonths),
    reason: input.reason,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  }
  ctx.tx.insert(trainingCertificates).values(row).run()
  ctx.audit('certificate', row.id, input.source === 'exam' ? 'issued' : 'granted', null, { status: row.status, certificationId: row.certificationId, expiresAt: row.expiresAt, reason: input.reason })
  const to = recipient(input.userId)
  if (to) notify(ctx, input.userId, 'certificate_issued', { certification: pick(def.title, to.locale), until: formatLongDate(row.expiresAt, to.locale, to.timeZone) }, certificateLink(row.id))
  return row
}

/** A certificate's page: holder, certification, organisation, dates, code, and what the reader may do with it. */
export async function getCertificate(actor: Actor, id: string, now = Date.now()) {
  const c = findCertificateFor(db, actor, id)
  const title = certificationTitles().get(c.certificationId)
  return {
    id: c.id,
    holderName: userNames([c.userId]).get(c.userId) ?? '',
    orgName: organisationNames([c.orgId]).get(c.orgId)?.name ?? '',
    certificationId: c.certificationId,
    certification: title ? pick(title, actor.locale) : c.certificationId,
    status: statusAt(c, now),
    source: c.source,
    issuedAt: c.issuedAt,
    expiresAt: c.expiresAt,
    revokedAt: c.revokedAt,
    // the reason of a grant or revocation is the vendor's note; the holder sees the status
    reason: scopeOf(actor, 'read:certificate') === 'any' ? c.reason : null,
    code: formatCode(c.code),
    verifyPath: `/verify/${formatCode(c.code)}`,
    canRevoke: can(actor, 'grant:certificate') && certificateMachine.can(c.status, 'revoke'),
  }
}

/** The certificate as a landscape A4 PDF in the holder's language. */
export async function certificatePdf(actor: Actor, id: string, opts: { compress?: boolean } = {}): Promise<{ bytes: Buffer; fileName: string }> {
  const c = findCertificateFor(db, actor, id)
  const holder = recipient(c.userId)
  const locale: Locale = holder?.locale ?? actor.locale
  const timeZone = holder?.timeZone ?? 'Asia/Jakarta'
  const title = certificationTitles().get(c.certificationId)
  const certification = title ? pick(title, locale) : c.certificationId
  const holderName = userNames([c.userId]).get(c.userId) ?? ''
  const orgName = organisationNames([c.orgId]).get(c.orgId)?.name ?? ''
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params)
  const bytes = await renderPdf({ title: `${certification} — ${holderName}`, layout: 'landscape', compress: opts.compress }, (doc) => {
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
    doc.rect(25, 25, doc.page.width - 50, doc.page.height - 50).lineWidth(2).strokeColor('#1d4ed8').stroke()
    doc.moveDown(2)
    doc.font('Helvetica').fontSize(14).fillColor('#1f2937').text(t('training.pdf.heading'), { align: 'center', width })
    doc.moveDown(1)
    doc.font('Helvetica-Bold').fontSize(30).text(holderName, { align: 'center', width })
    doc.moveDown(0.5)
    doc.font('Helvetica').fontSize(14).text(t('training.pdf.hasEarned'), { align: 'center', width })
    doc.moveDown(0.5)
    doc.font('Helvetica-Bold').fontSize(22).fillColor('#1d4ed8').text(certification, { align: 'center', width })
    doc.fillColor('#1f2937').moveDown(2)
    keyValues(doc, [
      [t('training.fields.organisation'), orgName],
      [t('training.fields.issuedAt'), formatLongDate(c.issuedAt, locale, timeZone)],
      [t('training.fields.expiresAt'), formatLongDate(c.expiresAt, locale, timeZone)],
      [t('training.fields.status'), t(`training.status.${statusAt(c, Date.now())}`)],
      [t('training.fields.code'), formatCode(c.code)],
      [t('training.pdf.verifyAt'), verifyUrl(c.code)],
    ], { labelWidth: 200 })
  })
  return { bytes, fileName: `certificate-${formatCode(c.code)}.pdf` }
}

export type Verification = { found: false } | { found: true; holderName: string; certification: Lang; status: CertificateStatus; issuedAt: number; expiresAt: number; revokedAt: number | null }

/**
 * The public check behind /verify/<code>: no sign-in. A malformed code and an unknown one get the
 * same answer, so the answer says nothing about which codes ever existed.
 */
export async function verifyCertificate(input: string, now = Date.now()): Promise<Verification> {
  const code = normaliseCode(input)
  const c = code ? db.select().from(trainingCertificates).where(eq(trainingCertificates.code, code)).get() : undefined
  if (!c) return { found: false }
  const title = certificationTitles().get(c.certificationId)
  return { found: true, holderName: userNames([c.userId]).get(c.userId) ?? '', certification: title ?? { en: c.certificationId, id: c.certificationId }, status: statusAt(c, now), issuedAt: c.issuedAt, expiresAt: c.expiresAt, revokedAt: c.revokedAt }
}

/** A vendor manager grants a certification by hand (e.g. earned at the vendor's classroom training), with a reason. */
export async function grantCertificate(actor: Actor, input: GrantCertificateInput) {
  assertCan(actor, 'grant:certificate')
  const user = credentialsOf(input.email)
  const member = user ? membershipOf(user.userId) : null
  if (!member || member.orgKind !== 'partner') throw new ValidationFailed('email', 'training.errors.notPartnerUser')
  return mutate(actor, (ctx) => {
    const cert = findCertification(ctx.tx, input.certificationId)
    const row = issueCertificate(ctx, { userId: member.userId, orgId: member.orgId, certification: cert, source: 'grant', attemptId: null, reason: input.reason })
    reevaluateTier(ctx, member.orgId)
    return row
  })
}

/** A vendor manager revokes a valid certificate with a reason; the holder is told, the tier re-evaluated. */
export async function revokeCertificate(actor: Actor, id: string, reason: string) {
  findCertificateFor(db, actor, id)
  assertCan(actor, 'grant:certificate')
  await mutate(actor, (ctx) => {
    const c = findCertificateFor(ctx.tx, actor, id)
    if (!certificateMachine.can(c.status, 'revoke')) {
      const by = c.revokedAt ? ctx.tx.select().from(trainingCertificates).where(eq(trainingCertificates.id, id)).get() : null
      throw new InvalidTransition(c.status, 'revoke', c.status === 'revoked' && by ? { key: 'training.errors.alreadyRevoked', params: { date: formatLongDate(by.revokedAt!, actor.locale, actor.timeZone) } } : { key: 'training.errors.notValid', params: {} })
    }
    const status = certificateMachine.next(c.status, 'revoke')
    ctx.tx.update(trainingCertificates).set({ status, revokedAt: ctx.now, reason, updatedAt: ctx.now }).where(eq(trainingCertificates.id, id)).run()
    ctx.audit('certificate', id, 'revoked', { status: c.status }, { status, reason })
    const to = recipient(c.userId)
    const title = certificationTitles(ctx.tx).get(c.certificationId)
    if (to && title) notify(ctx, c.userId, 'certificate_revoked', { certification: pick(title, to.locale), reason }, certificateLink(id))
    reevaluateTier(ctx, c.orgId)
  })
}

/** Hourly: valid certificates past their date become expired; the holder is told and the tier re-evaluated. Idempotent. */
export async function expireCertificates(now = Date.now()) {
  const due = db.select().from(trainingCertificates).where(and(eq(trainingCertificates.status, 'valid'), lte(trainingCertificates.expiresAt, now))).limit(2000).all()
  let expired = 0
  for (const c of due) {
    await mutate(
      null,
      (ctx) => {
        const fresh = ctx.tx.select().from(trainingCertificates).where(eq(trainingCertificates.id, c.id)).get()
        if (!fresh || fresh.status !== 'valid' || fresh.expiresAt > now) return
        const status = certificateMachine.next(fresh.status, 'expire')
        ctx.tx.update(trainingCertificates).set({ status, updatedAt: now }).where(eq(trainingCertificates.id, c.id)).run()
        ctx.audit('certificate', c.id, 'expired', { status: fresh.status }, { status })
        const to = recipient(c.userId)
        const title = certificationTitles(ctx.tx).get(c.certificationId)
        if (to && title) notify(ctx, c.userId, 'certificate_expired', { certification: pick(title, to.locale) }, `/training/exams/${c.certificationId}`)
        reevaluateTier(ctx, c.orgId)
        expired++
      },
      { now },
    )
  }
  return { expired }
}

/** Hourly: reminders 60, 30 and 7 days before a certificate expires, each sent once. */
export async function sendCertificateReminders(now = Date.now()) {
  const horizon = now + CERTIFICATE_REMINDER_DAYS[0] * DAY_MS
  const smallest = CERTIFICATE_REMINDER_DAYS[CERTIFICATE_REMINDER_DAYS.length - 1]
  const due = db
    .select()
    .from(trainingCertificates)
    .where(and(eq(trainingCertificates.status, 'valid'), gt(trainingCertificates.expiresAt, now), lte(trainingCertificates.expiresAt, horizon), or(isNull(trainingCertificates.reminderSent), sql`${trainingCertificates.reminderSent} > ${smallest}`)))
    .limit(2000)
    .all()
  let sent = 0
  for (const c of due) {
    const daysLeft = Math.ceil((c.expiresAt - now) / DAY_MS)
    const step = [...CERTIFICATE_REMINDER_DAYS].reverse().find((d) => daysLeft <= d)
    if (!step || (c.reminderSent !== null && c.reminderSent <= step)) continue
    await mutate(
      null,
      (ctx) => {
        const claimed = ctx.tx
          .update(trainingCertificates)
          .set({ reminderSent: step })
          .where(and(eq(trainingCertificates.id, c.id), c.reminderSent === null ? isNull(trainingCertificates.reminderSent) : eq(trainingCertificates.reminderSent, c.reminderSent)))
          .run().changes
        if (!claimed) return
        const to = recipient(c.userId)
        const title = certificationTitles(ctx.tx).get(c.certificationId)
        if (to && title) notify(ctx, c.userId, 'certificate_expiring', { certification: pick(title, to.locale), days: daysLeft, until: formatLongDate(c.expiresAt, to.locale, to.timeZone) }, `/training/exams/${c.certificationId}`)
        ctx.audit('certificate', c.id, 'reminder_sent', null, { daysLeft })
        sent++
      },
      { now },
    )
  }
  return { reminders: sent }
}

/** Distinct people of an organisation holding at least one certificate valid at that time. */
export async function certifiedPeople(orgId: string, atMs: number): Promise<number> {
  const row = db
    .select({ n: sql<number>`count(distinct ${trainingCertificates.userId})` })
    .from(trainingCertificates)
    .where(and(eq(trainingCertificates.orgId, orgId), lte(trainingCertificates.issuedAt, atMs), gt(trainingCertificates.expiresAt, atMs), or(isNull(trainingCertificates.revokedAt), gt(trainingCertificates.revokedAt, atMs))))
    .get()
  return Number(row?.n ?? 0)
}

export const CERTIFICATE_SORTS = ['expiresAt', 'issuedAt'] as const

/** An organisation's certificates (a partner's 360° page, the partner admin's team view): holder, certification, status, expiry. */
export async function certificationsOf(actor: Actor, orgId: string, opts: { page?: number; pageSize?: number; now?: number } = {}) {
  assertCan(actor, 'read:certificate', { orgId, userId: actor.userId })
  const now = opts.now ?? Date.now()
  const own = scopeOf(actor, 'read:certificate') === 'own'
  const where = and(eq(trainingCertificates.orgId, orgId), own ? eq(trainingCertificates.userId, actor.userId) : undefined, inArray(trainingCertificates.status, ['valid', 'expired', 'revoked']))
  const page = paginate(opts, {
    rows: (limit, offset) => db.select().from(trainingCertificates).where(where).orderBy(asc(trainingCertificates.status), desc(trainingCertificates.expiresAt)).limit(limit).offset(offset).all(),
    count: () => db.select({ n: count() }).from(trainingCertificates).where(where).get()?.n ?? 0,
  })
  const names = userNames(page.rows.map((r) => r.userId))
  const titles = certificationTitles()
  return {
    ...page,
    rows: page.rows.map((c) => ({ id: c.id, holderName: names.get(c.userId) ?? '', certification: titles.get(c.certificationId) ? pick(titles.get(c.certificationId)!, actor.locale) : c.certificationId, status: statusAt(c, now), issuedAt: c.issuedAt, expiresAt: c.expiresAt })),
  }
}
