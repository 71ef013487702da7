import { and, desc, eq, gt, lte, sql } from 'drizzle-orm'
import { trainingCertificates, trainingTierChanges, trainingTierRules, trainingTierSettings, trainingTierStatus } from '../../../db/schema/training'
import { mutate, type Ctx } from '../../kit/mutate.server'
import { DAY_MS, formatLongDate } from '../../utils/dates'
import { db, preparedQuery, readVia, type DbOrTx } from '../../utils/db.server'
import { newId } from '../../utils/ids'
import { assertCan, type Actor } from '../auth/actor'
import { partnerWonRevenueOf, partnerWonRevenueSince } from '../crm/crm.server'
import { notify } from '../notify/notify.server'
import { activeMemberIds, partnerTierOf, partnerTiers, recipient, setPartnerTier } from '../orgs/orgs.server'
import { certificationTitles, pick } from './internal.server'
import { TIERS, tierRank, type Tier } from './training.machine'
import type { Criterion, TierRulesInput } from './training.schema'

export type { Criterion }
export type TierRules = Record<Tier, Criterion[]>
/** What a partner has: distinct certified people per certification ('*': any certification), and trailing-12-month revenue. */
export type Metrics = { people: Map<string, number>; revenueMinor: number }
export type CriterionResult = Criterion & { have: number; need: number; met: boolean }

const YEAR_MS = 365 * DAY_MS
const SETTINGS_ID = 'default'

/** The programme until the vendor admin sets their own (Settings → Partner tiers). */
export const DEFAULT_TIER_RULES: TierRules = {
  registered: [],
  silver: [{ kind: 'certified', certificationId: 'secureedge-associate', count: 1 }],
  gold: [
    { kind: 'certified', certificationId: 'secureedge-sales', count: 1 },
    { kind: 'revenue', amountMinor: 250_000_000 },
  ],
  platinum: [
    { kind: 'certified', certificationId: 'secureedge-associate', count: 2 },
    { kind: 'certified', certificationId: 'secureedge-sales', count: 1 },
    { kind: 'revenue', amountMinor: 500_000_000 },
  ],
}
export const DEFAULT_GRACE_DAYS = 30

// The reads of every partner home, built once (issue 10); in a caller's transaction the same reads go through it.
const rulesQuery = preparedQuery((db) => db.select().from(trainingTierRules).prepare())
const graceQuery = preparedQuery((db) => db.select({ graceDays: trainingTierSettings.graceDays }).from(trainingTierSettings).where(eq(trainingTierSettings.id, SETTINGS_ID)).prepare())
const statusQuery = preparedQuery((db) => db.select().from(trainingTierStatus).where(eq(trainingTierStatus.orgId, sql.placeholder('orgId'))).prepare())
const lastChangeQuery = preparedQuery((db) => db.select().from(trainingTierChanges).where(eq(trainingTierChanges.orgId, sql.placeholder('orgId'))).orderBy(desc(trainingTierChanges.at)).limit(1).prepare())
const validOfOrg = and(eq(trainingCertificates.status, 'valid'), gt(trainingCertificates.expiresAt, sql.placeholder('now')), lte(trainingCertificates.issuedAt, sql.placeholder('now')), eq(trainingCertificates.orgId, sql.placeholder('orgId')))
const peopleCount = sql<number>`count(distinct ${trainingCertificates.userId})`
const certifiedByCertQuery = preparedQuery((db) =>
  db.select({ certificationId: trainingCertificates.certificationId, n: peopleCount }).from(trainingCertificates).where(validOfOrg).groupBy(trainingCertificates.certificationId).prepare(),
)
const certifiedAnyQuery = preparedQuery((db) => db.select({ n: peopleCount }).from(trainingCertificates).where(validOfOrg).prepare())

export function tierRules(tx: DbOrTx = db): TierRules {
  const rows = readVia(tx, () => rulesQuery().all(), (t) => t.select().from(trainingTierRules).all())
  if (!rows.length) return DEFAULT_TIER_RULES
  const rules = { registered: [], silver: [], gold: [], platinum: [] } as TierRules
  for (const r of rows) rules[r.tier] = r.criteria as Criterion[]
  rules.registered = []
  return rules
}

export function graceDays(tx: DbOrTx = db): number {
  return readVia(tx, () => graceQuery().get(), (t) => t.select().from(trainingTierSettings).where(eq(trainingTierSettings.id, SETTINGS_ID)).get())?.graceDays ?? DEFAULT_GRACE_DAYS
}

export function checkCriterion(c: Criterion, m: Metrics): CriterionResult {
  const have = c.kind === 'revenue' ? m.revenueMinor : (m.people.get(c.certificationId ?? '*') ?? 0)
  const need = c.kind === 'revenue' ? c.amountMinor : c.count
  return { ...c, have, need, met: have >= need }
}

/** The highest tier whose every criterion the partner meets (Registered asks nothing). */
export function qualifyingTier(rules: TierRules, m: Metrics): Tier {
  for (const tier of [...TIERS].reverse()) if (rules[tier].every((c) => checkCriterion(c, m).met)) return tier
  return 'registered'
}

export type TierDecision = { kind: 'none' } | { kind: 'clear' } | { kind: 'change'; to: Tier } | { kind: 'pending'; to: Tier; since: number; fresh: boolean }

/** Upgrades apply at once; a downgrade waits out the grace period from the day the partner first fell short. */
export function decideTier(current: Tier, pending: { tier: Tier; since: number } | null, qualifying: Tier, now: number, graceMs: number): TierDecision {
  if (tierRank(qualifying) > tierRank(current)) return { kind: 'change', to: qualifying }
  if (qualifying === current) return pending ? { kind: 'clear' } : { kind: 'none' }
  const since = pending?.since ?? now
  if (now - since >= graceMs) return { kind: 'change', to: qualifying }
  return { kind: 'pending', to: qualifying, since, fresh: !pending || pending.tier !== qualifying }
}

function certifiedCounts(tx: DbOrTx, now: number, orgId?: string): Map<string, Map<string, number>> {
  const valid = and(eq(trainingCertificates.status, 'valid'), gt(trainingCertificates.expiresAt, now), lte(trainingCertificates.issuedAt, now), orgId ? eq(trainingCertificates.orgId, orgId) : undefined)
  const out = new Map<string, Map<string, number>>()
  const put = (org: string, key: string, n: number) => {
    if (!out.has(org)) out.set(org, new Map())
    out.get(org)!.set(key, Number(n))
  }
  const people = sql<number>`count(distinct ${trainingCertificates.userId})`
  for (const r of tx.select({ orgId: trainingCertificates.orgId, certificationId: trainingCertificates.certificationId, n: people }).from(trainingCertificates).where(valid).groupBy(trainingCertificates.orgId, trainingCertificates.certificationId).all()) put(r.orgId, r.certificationId, r.n)
  for (const r of tx.select({ orgId: trainingCertificates.orgId, n: people }).from(trainingCertificates).where(valid).groupBy(trainingCertificates.orgId).all()) put(r.orgId, '*', r.n)
  return out
}

export function metricsOf(tx: DbOrTx, orgId: string, now: number): Metrics {
  if (tx === db) {
    const people = new Map(certifiedByCertQuery().all({ orgId, now }).map((r) => [r.certificationId, Number(r.n)]))
    const any = Number(certifiedAnyQuery().get({ orgId, now })?.n ?? 0)
    if (any) people.set('*', any)
    return { people, revenueMinor: partnerWonRevenueOf(orgId, now - YEAR_MS) }
  }
  return { people: certifiedCounts(tx, now, orgId).get(orgId) ?? new Map(), revenueMinor: partnerWonRevenueSince(now - YEAR_MS, [orgId]).get(orgId) ?? 0 }
}

type StatusRow = typeof trainingTierStatus.$inferSelect

/** Writes one decision: the tier on the organisation, the change with its reasons, the pending downgrade, the notifications. */
function applyDecision(ctx: Ctx, orgId: string, current: Tier, decision: TierDecision, rules: TierRules, m: Metrics, grace: number) {
  if (decision.kind === 'none') return false
  const upsert = (pendingTier: Tier | null, pendingSince: number | null) =>
    ctx.tx
      .insert(trainingTierStatus)
      .values({ orgId, pendingTier, pendingSince, evaluatedAt: ctx.now })
      .onConflictDoUpdate({ target: trainingTierStatus.orgId, set: { pendingTier, pendingSince, evaluatedAt: ctx.now } })
      .run()
  if (decision.kind === 'clear') {
    upsert(null, null)
    ctx.audit('partner_tier', orgId, 'downgrade_cleared', null, { tier: current })
    return true
  }
  if (decision.kind === 'pending') {
    if (!decision.fresh) return false
    upsert(decision.to, decision.since)
    const reasons = rules[current].map((c) => checkCriterion(c, m)).filter((r) => !r.met)
    ctx.audit('partner_tier', orgId, 'downgrade_pending', { tier: current }, { tier: decision.to, effectiveAt: decision.since + grace, reasons })
    for (const userId of activeMemberIds(orgId)) {
      const to = recipient(userId)
      if (to) notify(ctx, userId, 'tier_at_risk', { tier: tierName(current, to.locale), lower: tierName(decision.to, to.locale), date: formatLongDate(decision.since + grace, to.locale, to.timeZone) }, '/')
    }
    return true
  }
  const up = tierRank(decision.to) > tierRank(current)
  // an upgrade is explained by what the new tier asks; a downgrade by what the old one asked and is now missing
  const reasons = up ? rules[decision.to].map((c) => checkCriterion(c, m)) : rules[current].map((c) => checkCriterion(c, m)).filter((r) => !r.met)
  setPartnerTier(ctx, orgId, decision.to)
  upsert(null, null)
  ctx.tx.insert(trainingTierChanges).values({ id: newId(), orgId, fromTier: current, toTier: decision.to, reasons, at: ctx.now }).run()
  ctx.audit('partner_tier', orgId, up ? 'upgraded' : 'downgraded', { tier: current }, { tier: decision.to, reasons })
  for (const userId of activeMemberIds(orgId)) {
    const to = recipient(userId)
    if (to) notify(ctx, userId, up ? 'tier_upgraded' : 'tier_downgraded', { from: tierName(current, to.locale), tier: tierName(decision.to, to.locale) }, '/')
  }
  return true
}

const TIER_NAMES = { en: { registered: 'Registered', silver: 'Silver', gold: 'Gold', platinum: 'Platinum' }, id: { registered: 'Terdaftar', silver: 'Silver', gold: 'Gold', platinum: 'Platinum' } } as const
const tierName = (t: Tier, locale: 'en' | 'id') => TIER_NAMES[locale][t]

/** Re-evaluates one partner in the caller's transaction (a certificate issued, revoked or expired). */
export function reevaluateTier(ctx: Ctx, orgId: string) {
  const current = partnerTierOf(ctx, orgId)
  if (current === null) return
  const rules = tierRules(ctx.tx)
  const grace = graceDays(ctx.tx) * DAY_MS
  const m = metricsOf(ctx.tx, orgId, ctx.now)
  const status = ctx.tx.select().from(trainingTierStatus).where(eq(trainingTierStatus.orgId, orgId)).get()
  const pending = status?.pendingTier ? { tier: status.pendingTier, since: status.pendingSince ?? ctx.now } : null
  applyDecision(ctx, orgId, current, decideTier(current, pending, qualifyingTier(rules, m), ctx.now, grace), rules, m, grace)
}

/**
 * The job: every active partner in one pass — three grouped reads (tiers, certified people,
 * revenue), the decisions in memory, and writes only where something changes.
 */
export async function evaluatePartnerTiers(now = Date.now()) {
  const partners = partnerTiers()
  const rules = tierRules()
  const grace = graceDays() * DAY_MS
  const counts = certifiedCounts(db, now)
  const revenue = partnerWonRevenueSince(now - YEAR_MS)
  const statuses = new Map<string, StatusRow>(db.select().from(trainingTierStatus).all().map((s) => [s.orgId, s]))
  const work: { orgId: string; current: Tier; decision: TierDecision; m: Metrics }[] = []
  for (const p of partners) {
    const m = { people: counts.get(p.id) ?? new Map<string, number>(), revenueMinor: revenue.get(p.id) ?? 0 }
    const s = statuses.get(p.id)
    const pending = s?.pendingTier ? { tier: s.pendingTier, since: s.pendingSince ?? now } : null
    const decision = decideTier(p.tier, pending, qualifyingTier(rules, m), now, grace)
    if (decision.kind !== 'none' && !(decision.kind === 'pending' && !decision.fresh)) work.push({ orgId: p.id, current: p.tier, decision, m })
  }
  let changed = 0
  for (let i = 0; i < work.length; i += 500) {
    const batch = work.slice(i, i + 500)
    await mutate(
      null,
      (ctx) => {
        for (const w of batch) {
          // the tier may have moved since the read (a certificate issued meanwhile): decide again on what is there now
          const current = partnerTierOf(ctx, w.orgId)
          if (current === null) continue
          const decision = current === w.current ? w.decision : decideTier(current, null, qualifyingTier(rules, w.m), now, grace)
          if (applyDecision(ctx, w.orgId, current, decision, rules, w.m, grace)) changed++
        }
      },
      { now },
    )
  }
  return { partners: partners.length, changed }
}

/** Where a partner stands: current tier, the next one and each of its criteria with have and need, a pending downgrade, the last change. */
export async function tierProgressFor(actor: Actor, orgId: string, now = Date.now()) {
  assertCan(actor, 'read:tier', { orgId })
  const current = partnerTierOf({ tx: db }, orgId)
  if (current === null) return null
  const rules = tierRules()
  const m = metricsOf(db, orgId, now)
  const titles = certificationTitles()
  const label = (r: CriterionResult) => ({ ...r, certification: r.kind === 'certified' && r.certificationId ? (titles.get(r.certificationId) ? pick(titles.get(r.certificationId)!, actor.locale) : r.certificationId) : null })
  const next = TIERS[tierRank(current) + 1] ?? null
  const status = statusQuery().get({ orgId })
  const last = lastChangeQuery().get({ orgId })
  return {
    tier: current,
    next,
    criteria: next ? rules[next].map((c) => label(checkCriterion(c, m))) : [],
    keeps: rules[current].map((c) => label(checkCriterion(c, m))),
    pending: status?.pendingTier && status.pendingSince ? { tier: status.pendingTier, effectiveAt: status.pendingSince + graceDays() * DAY_MS } : null,
    lastChange: last ? { from: last.fromTier, to: last.toTier, at: last.at, reasons: (last.reasons as CriterionResult[]).map(label) } : null,
  }
}

/** The tier rules as the settings page edits them. */
export async function getTierRules(actor: Actor) {
  assertCan(actor, 'manage:settings')
  return { rules: tierRules(), graceDays: graceDays() }
}

/** The vendor admin sets each tier's criteria and the grace period; every partner is re-evaluated at once. */
export async function updateTierRules(actor: Actor, input: TierRulesInput) {
  assertCan(actor, 'manage:settings')
  await mutate(actor, (ctx) => {
    const before = { rules: tierRules(ctx.tx), graceDays: graceDays(ctx.tx) }
    for (const tier of TIERS) {
      const criteria = tier === 'registered' ? [] : input.rules[tier]
      ctx.tx.insert(trainingTierRules).values({ tier, criteria, updatedAt: ctx.now, updatedBy: actor.userId }).onConflictDoUpdate({ target: trainingTierRules.tier, set: { criteria, updatedAt: ctx.now, updatedBy: actor.userId } }).run()
    }
    ctx.tx.insert(trainingTierSettings).values({ id: SETTINGS_ID, graceDays: input.graceDays, updatedAt: ctx.now }).onConflictDoUpdate({ target: trainingTierSettings.id, set: { graceDays: input.graceDays, updatedAt: ctx.now } }).run()
    ctx.audit('tier_rules', SETTINGS_ID, 'updated', before, input)
  })
  return evaluatePartnerTiers()
}

/** Recent tier changes of one partner, newest first (the partner's home, the manager's view). */
export async function tierChangesOf(actor: Actor, orgId: string, limit = 10) {
  assertCan(actor, 'read:tier', { orgId })
  return db.select().from(trainingTierChanges).where(eq(trainingTierChanges.orgId, orgId)).orderBy(desc(trainingTierChanges.at)).limit(limit).all()
}
