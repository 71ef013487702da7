// PDFs of the MDF module, in the reader's language with extractable text: a partner's statement
// for one fund (balances and every ledger entry) and the remittance advice of a paid claim.
import { and, asc, eq, inArray } from 'drizzle-orm'
import { mdfLedger, mdfRequests } from '../../../db/schema/mdf'
import { db } from '../../utils/db.server'
import { formatCalendarDate, formatDate } from '../../utils/dates'
import { NotFound } from '../../utils/errors'
import { translate, type Locale, type MessageKey } from '../../utils/i18n'
import { formatMoney } from '../../utils/money'
import { keyValues, renderPdf, table } from '../../utils/pdf.server'
import { assertCan, type Actor } from '../auth/actor'
import { organisationNames } from '../orgs/orgs.server'
import { findClaim } from './claims.server'
import { fundRow } from './funds.server'
import { balancesOf } from './ledger.server'
import { requestNumber } from './requests.server'

type Options = { compress?: boolean; now?: number }

export async function statementPdf(actor: Actor, fundId: string, orgId: string, locale: Locale, options: Options = {}) {
  assertCan(actor, 'read:mdf', { orgId })
  const fund = fundRow(fundId)
  if (!fund) throw new NotFound()
  const entries = db.select().from(mdfLedger).where(and(eq(mdfLedger.fundId, fundId), eq(mdfLedger.orgId, orgId))).orderBy(asc(mdfLedger.createdAt)).all()
  if (!entries.length) throw new NotFound()
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params)
  const money = (n: number) => formatMoney(n, fund.currency, locale)
  const b = balancesOf(db, fundId, orgId)
  const partner = organisationNames([orgId]).get(orgId)?.name ?? ''
  const reqIds = [...new Set(entries.map((e) => e.requestId).filter((x): x is string => Boolean(x)))]
  const numbers = new Map(reqIds.length ? db.select({ id: mdfRequests.id, number: mdfRequests.number, title: mdfRequests.title }).from(mdfRequests).where(inArray(mdfRequests.id, reqIds)).all().map((r) => [r.id, `${requestNumber(r.number)} ${r.title}`]) : [])
  const bytes = await renderPdf({ title: `${t('mdf.pdf.statementTitle')} — ${partner} — ${fund.name}`, compress: options.compress }, (doc) => {
    doc.font('Helvetica-Bold').fontSize(16).text(t('mdf.pdf.statementTitle'))
    doc.font('Helvetica').fontSize(10).text(t('mdf.pdf.generated', { date: formatDate(options.now ?? Date.now(), locale, actor.timeZone) }))
    doc.moveDown()
    keyValues(doc, [
      [t('mdf.fields.partner'), partner],
      [t('mdf.fields.fund'), fund.name],
      [t('mdf.fields.period'), `${formatCalendarDate(fund.periodStart, locale)} – ${formatCalendarDate(fund.periodEnd, locale)}`],
      [t('mdf.fields.currency'), fund.currency],
    ])
    doc.moveDown()
    doc.font('Helvetica-Bold').fontSize(12).text(t('mdf.balances.title'))
    doc.moveDown(0.5)
    keyValues(doc, [
      [t('mdf.balances.allocated'), money(b.allocated)],
      [t('mdf.balances.committed'), money(b.committed)],
      [t('mdf.balances.claimed'), money(b.claimed)],
      [t('mdf.balances.paid'), money(b.paid)],
      [t('mdf.balances.available'), money(b.available)],
    ])
    doc.moveDown()
    doc.font('Helvetica-Bold').fontSize(12).text(t('mdf.ledger.title'))
    doc.moveDown(0.5)
    table(
      doc,
      [{ header: t('mdf.ledger.date'), share: 2 }, { header: t('mdf.ledger.kind'), share: 2 }, { header: t('mdf.ledger.reference'), share: 4 }, { header: t('mdf.ledger.amount'), share: 2, align: 'right' }],
      entries.map((e) => [formatDate(e.createdAt, locale, actor.timeZone), t(`mdf.ledger.kinds.${e.kind}`), (e.requestId ? numbers.get(e.requestId) : null) ?? '—', money(e.amountMinor)]),
    )
  })
  return { bytes, fileName: `mdf-statement-${fund.periodStart}-${partner}.pdf` }
}

export async function remittancePdf(actor: Actor, claimId: string, locale: Locale, options: Options = {}) {
  const claim = findClaim(actor, claimId)
  if (claim.status !== 'paid' || !claim.paidAt) throw new NotFound()
  const request = db.select().from(mdfRequests).where(eq(mdfRequests.id, claim.requestId)).get()!
  const fund = fundRow(claim.fundId)!
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params)
  const money = (n: number) => formatMoney(n, claim.currency, locale)
  const partner = organisationNames([claim.orgId]).get(claim.orgId)?.name ?? ''
  const reference = claim.payoutMethod === 'stripe' ? `Stripe ${claim.payoutReference ?? ''}` : (claim.payoutReference ?? '')
  const bytes = await renderPdf({ title: `${t('mdf.pdf.remittanceTitle')} — ${requestNumber(request.number)}`, compress: options.compress }, (doc) => {
    doc.font('Helvetica-Bold').fontSize(16).text(t('mdf.pdf.remittanceTitle'))
    doc.font('Helvetica').fontSize(10).text(t('mdf.pdf.generated', { date: formatDate(options.now ?? Date.now(), locale, actor.timeZone) }))
    doc.moveDown()
    keyValues(doc, [
      [t('mdf.pdf.payee'), partner],
      [t('mdf.fields.number'), requestNumber(request.number)],
      [t('mdf.fields.title'), request.title],
      [t('mdf.fields.fund'), fund.name],
      [t('mdf.fields.activityDates'), `${formatCalendarDate(request.startsOn, locale)} – ${formatCalendarDate(request.endsOn, locale)}`],
      [t('mdf.fields.actualCost'), money(claim.actualCostMinor)],
      [t('mdf.fields.claimed'), money(claim.claimedMinor)],
      [t('mdf.pdf.amountPaid'), money(claim.approvedMinor ?? 0)],
      [t('mdf.pdf.method'), t(`mdf.payout.method.${claim.payoutMethod ?? 'manual'}`)],
      [t('mdf.pdf.reference'), reference],
      [t('mdf.pdf.paidOn'), formatDate(claim.paidAt, locale, actor.timeZone)],
    ])
  })
  return { bytes, fileName: `mdf-remittance-${requestNumber(request.number)}.pdf` }
}
