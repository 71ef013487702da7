import { csvStream, type CsvCell } from '../../utils/csv-export'
import { formatDate } from '../../utils/dates'
import { translate, type MessageKey } from '../../utils/i18n'
import { minorDigits } from '../../utils/money'
import { assertCan, type Actor } from '../auth/actor'
import { opportunityRowsForExport } from '../crm/crm.server'
import { organisationNames } from '../orgs/orgs.server'
import { listPartners } from './partners.server'
import { pipelineReport } from './pipeline.server'

type Rows = readonly (readonly CsvCell[])[]

/** Money as a plain decimal number in major units (spreadsheets sum it), currency in its own column. */
function amount(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency)
}

/** Every opportunity (optionally one source or partner), streamed in keyset batches: constant memory at a million rows. */
export function opportunitiesCsv(actor: Actor, opts: { source?: 'partner' | 'direct'; partnerOrgId?: string } = {}) {
  assertCan(actor, 'read:reports')
  const t = (key: MessageKey) => translate(actor.locale, key)
  const pages = opportunityRowsForExport(actor, opts)
  async function* batches(): AsyncGenerator<Rows> {
    yield [[t('fields.name'), t('nav.accounts'), t('reports.stage'), t('reports.amount'), t('deals.fields.currency'), t('reports.source'), t('deals.fields.partner'), t('deals.fields.expectedClose'), t('reports.created'), t('reports.closed')]]
    for (const rows of pages) {
      const partners = organisationNames(rows.map((r) => r.partnerOrgId).filter((x): x is string => !!x))
      yield rows.map((r) => [
        r.name,
        r.accountName,
        r.stageName,
        amount(r.amountMinor, r.currency),
        r.currency,
        r.source === 'partner' ? t('reports.partnerSourced') : t('reports.direct'),
        r.partnerOrgId ? (partners.get(r.partnerOrgId)?.name ?? '') : '',
        r.expectedCloseDate ?? '',
        formatDate(r.createdAt, actor.locale, actor.timeZone),
        r.closedAt ? formatDate(r.closedAt, actor.locale, actor.timeZone) : '',
      ])
    }
  }
  return csvStream(batches())
}

/** The partners list with its figures, every page of it. */
export function partnersCsv(actor: Actor, opts: { q?: string; tier?: 'registered' | 'silver' | 'gold' | 'platinum'; region?: string; year?: number } = {}) {
  assertCan(actor, 'read:reports')
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(actor.locale, key, params)
  const year = opts.year ?? new Date().getUTCFullYear()
  async function* batches(): AsyncGenerator<Rows> {
    yield [[t('fields.name'), t('reports.partners.tier'), t('reports.partners.region'), `${t('reports.partners.openPipeline')} (IDR)`, `${t('reports.partners.won')} (IDR)`, `${t('reports.partners.winRate')} (%)`, t('reports.partners.registrations'), t('reports.partners.plan', { year })]]
    for (let page = 1; ; page++) {
      const list = await listPartners(actor, { ...opts, page, year })
      if (!list.rows.length) return
      yield list.rows.map((r) => [
        r.name,
        r.tier ? t(`tiers.${r.tier}`) : '',
        r.region ?? '',
        r.stats?.openAmount ?? 0,
        r.stats?.wonAmount ?? 0,
        r.stats?.winRate == null ? '' : Math.round(r.stats.winRate * 1000) / 10,
        r.registrations.total,
        r.plan ? t(`plans.status.${r.plan.status}`) : '',
      ])
      if (page * list.pageSize >= list.total) return
    }
  }
  return csvStream(batches())
}

export const REPORT_TABLES = ['funnel', 'partners', 'regions', 'months'] as const
export type ReportTable = (typeof REPORT_TABLES)[number]

/** One table of the pipeline report, with the same filters as the page. */
export async function pipelineReportCsv(actor: Actor, table: ReportTable, opts: { pipelineId?: string; from: string; to: string; region?: string }) {
  const r = await pipelineReport(actor, opts)
  const t = (key: MessageKey) => translate(actor.locale, key)
  const pct = (x: number | null) => (x === null ? '' : Math.round(x * 1000) / 10)
  const rows: Rows =
    table === 'funnel'
      ? [[t('reports.stage'), `${t('reports.partnerSourced')} · ${t('reports.count')}`, `${t('reports.partnerSourced')} (IDR)`, `${t('reports.direct')} · ${t('reports.count')}`, `${t('reports.direct')} (IDR)`], ...r.funnel.map((s) => [s.name, s.partnerN, s.partnerAmount, s.directN, s.directAmount])]
      : table === 'partners'
        ? [[t('deals.fields.partner'), t('reports.partners.region'), `${t('reports.partners.openPipeline')} (IDR)`, `${t('reports.partners.won')} (IDR)`, `${t('reports.partners.winRate')} (%)`, t('reports.partner.avgCycle')], ...r.byPartner.map((p) => [p.name, p.region ?? '', p.openAmount, p.wonAmount, pct(p.winRate), p.avgCycleDays === null ? '' : Math.round(p.avgCycleDays)])]
        : table === 'regions'
          ? [[t('reports.partners.region'), t('reports.partnersCount'), `${t('reports.partners.openPipeline')} (IDR)`, `${t('reports.partners.won')} (IDR)`], ...r.byRegion.map((x) => [x.region || t('reports.noRegion'), x.partners, x.openAmount, x.wonAmount])]
          : [[t('reports.month'), `${t('reports.partnerSourced')} · ${t('reports.count')}`, `${t('reports.partnerSourced')} (IDR)`, `${t('reports.direct')} · ${t('reports.count')}`, `${t('reports.direct')} (IDR)`], ...r.byMonth.map((m) => [m.month, m.partnerN, m.partnerAmount, m.directN, m.directAmount])]
  return csvStream([rows][Symbol.iterator]())
}
