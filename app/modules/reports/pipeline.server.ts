import { assertCan, type Actor } from '../auth/actor'
import { listPipelines, opportunityTotalsVersion, partnerOutcomeTotals, sourceMonthTotals, sourceStageTotals } from '../crm/crm.server'
import { organisationIdsInRegion, organisationProfiles } from '../orgs/orgs.server'
import { statsOf } from './partners.server'

/** The months from `from` to `to` inclusive, 'YYYY-MM'. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = []
  let [y, m] = from.split('-').map(Number)
  const [ty, tm] = to.split('-').map(Number)
  while ((y < ty || (y === ty && m <= tm)) && out.length < 60) {
    out.push(`${y}-${String(m).padStart(2, '0')}`)
    m++
    if (m > 12) {
      m = 1
      y++
    }
  }
  return out
}

/** This month and the eleven before it, Jakarta time. */
export function lastTwelveMonths(now = Date.now()) {
  const d = new Date(now + 7 * 3_600_000)
  const to = d.toISOString().slice(0, 7)
  const start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 11, 1))
  return { from: start.toISOString().slice(0, 7), to }
}

/**
 * The pipeline report, IDR, from the maintained totals summed in SQL: partner-sourced against direct
 * by stage (the funnel of one pipeline), by partner, by the partner's region and by month created;
 * win rate and average sales cycle (days from creation to won). Filtered by a partner region, it
 * shows partner-sourced business of that region only (direct business has no partner region).
 */
export async function pipelineReport(actor: Actor, opts: { pipelineId?: string; from: string; to: string; region?: string }) {
  assertCan(actor, 'read:reports')
  // the same figures for everyone allowed to read them: kept while the maintained totals have not moved (any
  // opportunity write moves them) and for at most a minute (a partner's region or name edited meanwhile)
  const key = JSON.stringify([opts.pipelineId ?? '', opts.from, opts.to, opts.region ?? ''])
  const version = await opportunityTotalsVersion(actor)
  const hit = REPORT_CACHE.get(key)
  if (hit && hit.version === version && Date.now() - hit.at < REPORT_CACHE_MS) return hit.report
  const report = await computePipelineReport(actor, opts)
  if (REPORT_CACHE.size >= REPORT_CACHE_ENTRIES) REPORT_CACHE.delete(REPORT_CACHE.keys().next().value!)
  REPORT_CACHE.set(key, { at: Date.now(), version, report })
  return report
}

const REPORT_CACHE_MS = 60_000
const REPORT_CACHE_ENTRIES = 50
const REPORT_CACHE = new Map<string, { at: number; version: string; report: Awaited<ReturnType<typeof computePipelineReport>> }>()

async function computePipelineReport(actor: Actor, opts: { pipelineId?: string; from: string; to: string; region?: string }) {
  const pipelines = await listPipelines(actor)
  const pipeline = pipelines.find((p) => p.id === opts.pipelineId) ?? pipelines.find((p) => p.isDefault) ?? pipelines[0] ?? null
  const partnerKeys = opts.region ? organisationIdsInRegion('partner', opts.region) : undefined
  const [bySide, perPartner, months] = await Promise.all([sourceStageTotals(actor, { partnerKeys }), partnerOutcomeTotals(actor, { partnerKeys }), sourceMonthTotals(actor, opts.from, opts.to, { partnerKeys })])

  const side = (stageId: string, partner: boolean) => bySide.find((r) => r.stageId === stageId && Boolean(r.partner) === partner)
  const funnel = (pipeline?.stages ?? []).map((s) => ({
    stageId: s.id,
    name: s.name,
    isClosed: s.isClosed,
    isWon: s.isWon,
    partnerN: side(s.id, true)?.n ?? 0,
    partnerAmount: side(s.id, true)?.amountMinor ?? 0,
    directN: side(s.id, false)?.n ?? 0,
    directAmount: side(s.id, false)?.amountMinor ?? 0,
  }))

  const stages = new Map(pipelines.flatMap((p) => p.stages).map((s) => [s.id, s]))
  const outcome = (partner: boolean) => {
    const rows = bySide.filter((r) => Boolean(r.partner) === partner)
    const won = rows.filter((r) => stages.get(r.stageId)?.isWon)
    const lost = rows.filter((r) => stages.get(r.stageId)?.isClosed && !stages.get(r.stageId)?.isWon)
    const open = rows.filter((r) => !stages.get(r.stageId)?.isClosed)
    const wonN = won.reduce((a, r) => a + r.n, 0)
    const lostN = lost.reduce((a, r) => a + r.n, 0)
    return {
      wonN,
      lostN,
      wonAmount: won.reduce((a, r) => a + r.amountMinor, 0),
      openAmount: open.reduce((a, r) => a + r.amountMinor, 0),
      winRate: wonN + lostN > 0 ? wonN / (wonN + lostN) : null,
      avgCycleDays: wonN > 0 ? won.reduce((a, r) => a + r.cycleMs, 0) / wonN / 86_400_000 : null,
    }
  }

  const stats = statsOf(perPartner)
  const profiles = organisationProfiles(stats.keys())
  const byPartner = [...stats]
    .map(([k, s]) => ({ id: k, name: profiles.get(k)?.name ?? '', region: profiles.get(k)?.region ?? null, ...s }))
    .sort((a, b) => b.openAmount + b.wonAmount - (a.openAmount + a.wonAmount) || a.name.localeCompare(b.name))

  const regions = new Map<string, { region: string; openAmount: number; wonAmount: number; openN: number; wonN: number; partners: number }>()
  for (const p of byPartner) {
    const key = p.region ?? ''
    const r = regions.get(key) ?? { region: key, openAmount: 0, wonAmount: 0, openN: 0, wonN: 0, partners: 0 }
    r.openAmount += p.openAmount
    r.wonAmount += p.wonAmount
    r.openN += p.openN
    r.wonN += p.wonN
    r.partners += 1
    regions.set(key, r)
  }

  const month = (m: string, partner: boolean) => months.find((r) => r.month === m && Boolean(r.partner) === partner)
  const byMonth = monthsBetween(opts.from, opts.to).map((m) => ({ month: m, partnerN: month(m, true)?.n ?? 0, partnerAmount: month(m, true)?.amountMinor ?? 0, directN: month(m, false)?.n ?? 0, directAmount: month(m, false)?.amountMinor ?? 0 }))

  return {
    pipelines: pipelines.map((p) => ({ id: p.id, name: p.name })),
    pipeline: pipeline ? { id: pipeline.id, name: pipeline.name } : null,
    funnel,
    byPartner,
    byRegion: [...regions.values()].sort((a, b) => b.openAmount + b.wonAmount - (a.openAmount + a.wonAmount)),
    byMonth,
    outcomes: { partner: outcome(true), direct: outcome(false) },
  }
}
