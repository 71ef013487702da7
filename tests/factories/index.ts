// Factories build valid rows for any table, with overrides. The seed uses them too, so
// demo data and test data are made the same way.
import { accounts, activities, contacts, leads, memberships, opportunities, organisations, pipelineStages, pipelines, users } from '../../db/schema'
import { db, type DbOrTx } from '../../app/utils/db.server'
import { newId } from '../../app/utils/ids'
import { hashPassword } from '../../app/modules/auth/password.server'
import type { Role } from '../../app/modules/auth/roles'
import { companyDomain, normaliseCompanyName } from '../../app/modules/matching/company-match'
import { indexCompanyKeys } from '../../app/modules/matching/matching.server'
import { createSession } from '../../app/modules/auth/session.server'
import { countInStageTotals, countLeadBand } from '../../app/modules/crm/crm.server'
import { actorForSession } from '../../app/modules/auth/require-actor.server'

export const TEST_PASSWORD = 'correct-horse-battery'
const hashCache = new Map<string, Promise<string>>()
/** Hashing is deliberately slow; tests reuse one hash per password. */
export function cachedHash(password: string) {
  if (!hashCache.has(password)) hashCache.set(password, hashPassword(password))
  return hashCache.get(password)!
}

let seq = 0
const next = () => ++seq

type OrgRow = typeof organisations.$inferInsert
export function makeOrg(overrides: Partial<OrgRow> = {}, tx: DbOrTx = db) {
  const now = Date.now()
  const kind = overrides.kind ?? 'partner'
  const row = {
    id: newId(),
    kind,
    name: `Test Org ${next()}`,
    country: 'ID',
    status: 'active' as const,
    tier: kind === 'partner' ? ('registered' as const) : null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  }
  tx.insert(organisations).values(row).run()
  return row
}

export async function makeUser(opts: { orgId: string; role: Role; email?: string; name?: string; password?: string; locale?: 'id' | 'en'; status?: 'active' | 'invited' | 'deactivated' }, tx: DbOrTx = db) {
  const now = Date.now()
  const n = next()
  const user = {
    id: newId(),
    email: (opts.email ?? `user${n}-${newId().slice(0, 6)}@example.test`).toLowerCase(),
    name: opts.name ?? `Test User ${n}`,
    locale: opts.locale ?? 'en',
    timeZone: 'Asia/Jakarta',
    passwordHash: await cachedHash(opts.password ?? TEST_PASSWORD),
    status: opts.status ?? ('active' as const),
    createdAt: now,
    updatedAt: now,
  }
  tx.insert(users).values(user).run()
  tx.insert(memberships).values({ id: newId(), userId: user.id, orgId: opts.orgId, role: opts.role, createdAt: now }).run()
  return user
}

/** A signed-in actor for service tests: a real session row and the actor it resolves to. */
export async function makeActor(opts: { orgId?: string; role: Role; kind?: 'vendor' | 'partner' | 'supplier' }) {
  const kind = opts.kind ?? (['admin', 'partner_manager', 'procurement_manager', 'sales'].includes(opts.role) ? 'vendor' : opts.role.startsWith('partner') ? 'partner' : 'supplier')
  const orgId = opts.orgId ?? makeOrg({ kind }).id
  const user = await makeUser({ orgId, role: opts.role })
  const session = createSession(user.id)
  return { ...actorForSession(session.id, user.id)!, token: session.token }
}

type AccountRow = typeof accounts.$inferInsert
export function makeAccount(overrides: Partial<AccountRow> & { website?: string } = {}, tx: DbOrTx = db) {
  const now = Date.now()
  const { website, ...rest } = overrides
  const name = rest.name ?? `Account ${next()}`
  const row = {
    id: newId(),
    name,
    normalizedName: normaliseCompanyName(name),
    domain: rest.domain ?? companyDomain(website),
    createdAt: now,
    updatedAt: now,
    ...rest,
  }
  row.normalizedName = normaliseCompanyName(row.name)
  tx.insert(accounts).values(row).run()
  indexCompanyKeys(tx, 'account', row.id, row)
  return row
}

export function makeContact(overrides: Partial<typeof contacts.$inferInsert> = {}, tx: DbOrTx = db) {
  const now = Date.now()
  const row = { id: newId(), firstName: `Contact${next()}`, createdAt: now, updatedAt: now, ...overrides }
  tx.insert(contacts).values(row).run()
  return row
}

export function makeLead(overrides: Partial<typeof leads.$inferInsert> = {}, tx: DbOrTx = db) {
  const now = Date.now()
  const row = { id: newId(), company: `Lead Co ${next()}`, contactName: 'Budi', createdAt: now, updatedAt: now, ...overrides }
  tx.insert(leads).values(row).run()
  countLeadBand(tx, row, +1)
  return row
}

export const DEFAULT_STAGES: { name: string; nameEn?: string | null; probability: number; isClosed?: boolean; isWon?: boolean }[] = [
  { name: 'Prospecting', probability: 10 },
  { name: 'Qualification', probability: 25 },
  { name: 'Proposal', probability: 50 },
  { name: 'Negotiation', probability: 75 },
  { name: 'Closed Won', probability: 100, isClosed: true, isWon: true },
  { name: 'Closed Lost', probability: 0, isClosed: true },
]

export function makePipeline(overrides: { name?: string; isDefault?: boolean; stages?: typeof DEFAULT_STAGES } = {}, tx: DbOrTx = db) {
  const pipeline = { id: newId(), name: overrides.name ?? `Pipeline ${next()}`, isDefault: overrides.isDefault ?? false, createdAt: Date.now() }
  tx.insert(pipelines).values(pipeline).run()
  const stages = (overrides.stages ?? DEFAULT_STAGES).map((s, position) => ({ id: newId(), pipelineId: pipeline.id, position, isClosed: false, isWon: false, ...s }))
  tx.insert(pipelineStages).values(stages).run()
  return { ...pipeline, stages }
}

export function makeOpportunity(opts: { accountId: string; pipeline: ReturnType<typeof makePipeline>; stageIndex?: number } & Partial<typeof opportunities.$inferInsert>, tx: DbOrTx = db) {
  const now = Date.now()
  const { pipeline, stageIndex, ...rest } = opts
  const row = {
    id: newId(),
    name: `Opportunity ${next()}`,
    pipelineId: pipeline.id,
    stageId: pipeline.stages[stageIndex ?? 0].id,
    amountMinor: 100_000_000,
    currency: 'IDR',
    source: 'direct' as const,
    createdAt: now,
    updatedAt: now,
    // in a closed stage, closed when last touched (as the app records it on the move)
    closedAt: pipeline.stages[stageIndex ?? 0].isClosed ? (rest.updatedAt ?? now) : null,
    ...rest,
  }
  tx.insert(opportunities).values(row).run()
  countInStageTotals(tx, { ...row, partnerOrgId: row.partnerOrgId ?? null }, 1) // as the app's own writes do
  return row
}

export function makeActivity(overrides: Partial<typeof activities.$inferInsert> & { entityType: 'account' | 'contact' | 'lead' | 'opportunity'; entityId: string }, tx: DbOrTx = db) {
  const row = { id: newId(), kind: 'note' as const, subject: `Note ${next()}`, createdAt: Date.now(), ...overrides }
  tx.insert(activities).values(row).run()
  return row
}
