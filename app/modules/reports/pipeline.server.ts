import { assertCan, type Actor } from '../auth/actor'
import { listPipelines, opportunityTotalsByMonth, opportunityTotalsBySource } from '../crm/crm.server'
import { organisationProfiles } from '../orgs/orgs.server'
import { statsByKey, type PartnerStats } from './partners.server'

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
 * The pipeline report, IDR, from the maintained totals only: partner-sourced against direct by
 * stage (the funnel of one pipeline), by partner, by the partner's region and by month created;
 * win rate and average sales cycle (days from creation to won).
 */
export async function pipelineReport(actor: Actor, opts: { pipelineId?: string; from: string; to: string; region?: string }) {
  assertCan(actor, 'read:reports')
  const pipelines = await listPipelines(actor)
  const pipeline = pipelines.find((p) => p.id === opts.pipelineId) ?? pipelines.find((p) => p.isDefault) ?? pipelines[0] ?? null
  const totals = await opportunityTotalsBySource(actor)
  const profiles = organisationProfiles(totals.filter((r) => r.partnerKey).map((r) => r.partnerKey))
  const inRegion = (key: string) => !opts.region || (key !== '' && (profiles.get(key)?.region ?? '') === opts.region)
  const scoped = totals.filter((r) => inRegion(r.partnerKey) || (!opts.region && r.partnerKey === ''))

  const funnel = (pipeline?.stages ?? []).map((s) => {
    const rows = scoped.filter((r) => r.stageId === s.id)
    const part = rows.filter((r) => r.partnerKey !== '')
    const direct = rows.filter((r) => r.partnerKey === '')
    const sum = (list: typeof rows, f: 'n' | 'amountMinor') => list.reduce((a, r) => a + r[f], 0)
    return { stageId: s.id, name: s.name, isClosed: s.isClosed, isWon: s.isWon, partnerN: sum(part, 'n'), partnerAmount: sum(part, 'amountMinor'), directN: sum(direct, 'n'), directAmount: sum(direct, 'amountMinor') }
  })

  const byKey = statsByKey(scoped)
  const byPartner = [...byKey]
    .filter(([k]) => k !== '')
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

  const monthRows = await opportunityTotalsByMonth(actor, opts.from, opts.to)
  const byMonth = monthsBetween(opts.from, opts.to).map((month) => {
    const rows = monthRows.filter((r) => r.month === month && (r.partnerKey === '' ? !opts.region : inRegion(r.partnerKey)))
    const part = rows.filter((r) => r.partnerKey !== '')
    const direct = rows.filter((r) => r.partnerKey === '')
    return { month, partnerN: part.reduce((a, r) => a + r.n, 0), partnerAmount: part.reduce((a, r) => a + r.amountMinor, 0), directN: direct.reduce((a, r) => a + r.n, 0), directAmount: direct.reduce((a, r) => a + r.amountMinor, 0) }
  })

  const combine = (list: PartnerStats[]) => {
    const wonN = list.reduce((a, s) => a + s.wonN, 0)
    const lostN = list.reduce((a, s) => a + s.lostN, 0)
    const cycle = list.reduce((a, s) => a + (s.avgCycleDays ?? 0) * s.wonN, 0)
    return { wonN, lostN, wonAmount: list.reduce((a, s) => a + s.wonAmount, 0), openAmount: list.reduce((a, s) => a + s.openAmount, 0), winRate: wonN + lostN > 0 ? wonN / (wonN + lostN) : null, avgCycleDays: wonN > 0 ? cycle / wonN : null }
  }
  const outcomes = {
    partner: combine([...byKey].filter(([k]) => k !== '').map(([, s]) => s)),
    direct: combine([...byKey].filter(([k]) => k === '').map(([, s]) => s)),
  }

  return {
    pipelines: pipelines.map((p) => ({ id: p.id, name: p.name })),
    pipeline: pipeline ? { id: pipeline.id, name: pipeline.name } : null,
    funnel,
    byPartner,
    byRegion: [...regions.values()].sort((a, b) => b.openAmount + b.wonAmount - (a.openAmount + a.wonAmount)),
    byMonth,
    outcomes,
  }
}
