import { formatCalendarDate, formatDate } from '../../utils/dates'
import { translate, type Locale, type MessageKey } from '../../utils/i18n'
import { formatMoney } from '../../utils/money'
import { keyValues, renderPdf, table } from '../../utils/pdf.server'
import type { Actor } from '../auth/actor'
import { getPlan } from './view.server'

/** The plan as a PDF in the language asked for (either, whatever the reader's interface language). */
export async function planPdf(actor: Actor, id: string, locale: Locale, options: { compress?: boolean; now?: number } = {}) {
  const d = await getPlan(actor, id, options.now)
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params)
  const p = d.plan
  const value = (money: boolean, n: number | null) => (n === null ? t('plans.progress.unavailable') : money ? formatMoney(n, p.currency, locale) : String(n))
  const signature = (who: string | null, at: number | null) => (who && at ? t('plans.signedBy', { who, date: formatDate(at, locale, actor.timeZone) }) : t('plans.notSigned'))
  const bytes = await renderPdf({ title: `${p.title} — ${d.partnerName} ${p.year}`, compress: options.compress }, (doc) => {
    doc.font('Helvetica-Bold').fontSize(16).text(p.title)
    doc.font('Helvetica').fontSize(10).text(t('plans.pdf.generated', { date: formatDate(options.now ?? Date.now(), locale, actor.timeZone) }))
    doc.moveDown()
    keyValues(doc, [
      [t('plans.fields.partner'), d.partnerName],
      [t('plans.pdf.period'), String(p.year)],
      [t('plans.fields.status'), t(`plans.status.${p.status}`)],
      [t('plans.fields.version'), String(p.version)],
      [t('plans.vendorSide'), signature(d.vendorSignedByName, p.vendorSignedAt)],
      [t('plans.partnerSide'), signature(d.partnerSignedByName, p.partnerSignedAt)],
    ])
    doc.moveDown()
    doc.font('Helvetica-Bold').fontSize(12).text(t('plans.objectives'))
    doc.moveDown(0.5)
    table(
      doc,
      [{ header: t('plans.fields.objective'), share: 3 }, ...[1, 2, 3, 4].map((q) => ({ header: t('plans.quarter', { quarter: q }), share: 2, align: 'right' as const }))],
      d.objectives.map((o) => [
        `${o.title} (${t(`plans.measure.${o.measure}`)})`,
        ...o.quarters.map((q) => (o.measure === 'free_text' ? '' : `${t('plans.pdf.target')}: ${value(o.money, q.target)}\n${t('plans.pdf.actual')}: ${value(o.money, q.actual)}\n${t(`plans.progress.${q.progress}`)}`)),
      ]),
    )
    doc.moveDown()
    doc.font('Helvetica-Bold').fontSize(12).text(t('plans.initiatives'))
    doc.moveDown(0.5)
    table(
      doc,
      [{ header: t('plans.fields.title'), share: 3 }, { header: t('plans.fields.owner'), share: 2 }, { header: t('plans.fields.startDate'), share: 2 }, { header: t('plans.fields.endDate'), share: 2 }, { header: t('plans.fields.budget'), share: 2, align: 'right' }],
      d.initiatives.map((i) => [i.title, i.owner, formatCalendarDate(i.startDate, locale), formatCalendarDate(i.endDate, locale), formatMoney(i.budgetMinor, p.currency, locale)]),
    )
    doc.moveDown()
    doc.font('Helvetica-Bold').fontSize(12).text(t('plans.swot'))
    doc.moveDown(0.5)
    keyValues(doc, (['strengths', 'weaknesses', 'opportunities', 'threats', 'notes'] as const).map((f) => [t(`plans.fields.${f}`), p[f] || '—']))
    if (d.reviews.length) {
      doc.moveDown()
      doc.font('Helvetica-Bold').fontSize(12).text(t('plans.reviews'))
      doc.moveDown(0.5)
      for (const r of d.reviews) {
        keyValues(doc, [
          [t('plans.quarterYear', { quarter: r.quarter, year: p.year }), formatCalendarDate(r.heldOn, locale)],
          [t('plans.fields.discussed'), r.discussed],
          [t('plans.fields.decisions'), r.decisions],
        ])
        doc.moveDown(0.5)
      }
    }
  })
  return { bytes, fileName: `plan-${d.partnerName}-${p.year}-v${p.version}-${locale}.pdf` }
}
