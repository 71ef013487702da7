import { and, inArray } from 'drizzle-orm'
import { dealRegistrations } from '../../../db/schema/deals'
import { db, type DbOrTx } from '../../utils/db.server'
import { findMatchingAccounts, openOpportunitiesOnAccounts } from '../crm/crm.server'
import { findMatchingCompanies, indexCompanyKeys, removeCompanyKeys, type CompanyRecord, type MatchReason } from '../matching/matching.server'
import { organisationNames } from '../orgs/orgs.server'
import { OPEN_STATUSES } from './deals.machine'

export type ConflictMatch = {
  type: 'account' | 'registration' | 'opportunity'
  id: string
  label: string
  /** 0..100 */
  score: number
  reasons: MatchReason[]
  accountId?: string
  partnerOrgId?: string | null
  partnerName?: string | null
  status?: string
}

/** Open or approved registrations (any partner) for what may be the same customer. */
export function findRegistrationConflicts(candidate: CompanyRecord, excludeId?: string): ConflictMatch[] {
  const load = (ids: string[]) =>
    db
      .select({ id: dealRegistrations.id, name: dealRegistrations.customerName, domain: dealRegistrations.customerDomain, npwp: dealRegistrations.customerNpwp, status: dealRegistrations.status, partnerOrgId: dealRegistrations.partnerOrgId })
      .from(dealRegistrations)
      .where(and(inArray(dealRegistrations.id, ids), inArray(dealRegistrations.status, [...OPEN_STATUSES])))
      .all()
  const found = findMatchingCompanies('registration', candidate, load, { excludeId })
  const partners = organisationNames(found.map((m) => m.record.partnerOrgId))
  return found.map(({ record: r, score, reasons }) => ({
    type: 'registration' as const,
    id: r.id,
    label: r.name,
    score,
    reasons,
    partnerOrgId: r.partnerOrgId,
    partnerName: partners.get(r.partnerOrgId)?.name ?? null,
    status: r.status,
  }))
}

/** Everything that may collide with a registration for this customer. */
export function findDealConflicts(candidate: CompanyRecord, excludeRegistrationId?: string): ConflictMatch[] {
  const accountMatches: ConflictMatch[] = findMatchingAccounts(candidate).map(({ record, score, reasons }) => ({ type: 'account', id: record.id, label: record.name, score, reasons, accountId: record.id }))
  const byAccount = new Map(accountMatches.map((m) => [m.id, m]))
  const opportunityMatches: ConflictMatch[] = openOpportunitiesOnAccounts([...byAccount.keys()]).map((o) => {
    const account = byAccount.get(o.accountId)!
    return { type: 'opportunity', id: o.id, label: `${o.name} (${account.label})`, score: account.score, reasons: account.reasons, accountId: o.accountId, partnerOrgId: o.partnerOrgId, status: o.stage }
  })
  return [...findRegistrationConflicts(candidate, excludeRegistrationId), ...accountMatches, ...opportunityMatches]
}

/** Keeps a registration findable by later registrations while it is open. */
export function indexRegistrationKeys(tx: DbOrTx, registrationId: string, record: CompanyRecord) {
  indexCompanyKeys(tx, 'registration', registrationId, record)
}

export function closeRegistrationKeys(tx: DbOrTx, registrationId: string) {
  removeCompanyKeys(tx, 'registration', registrationId)
}

/**
 * The one answer to "does this customer collide?", for the live check on the form and for the
 * check at submission alike (same function, same inputs): the registering partner's own open
 * registrations of the same customer (theirs to see: "you already registered this customer") and
 * everything else (other partners' registrations, accounts, open opportunities: "possible conflict
 * — under review" for the partner, every detail for the vendor).
 */
export function conflictVerdict(candidate: CompanyRecord, partnerOrgId: string | null, excludeRegistrationId?: string) {
  const all = findDealConflicts(candidate, excludeRegistrationId)
  const own = all.filter((m) => m.type === 'registration' && partnerOrgId !== null && m.partnerOrgId === partnerOrgId)
  const others = all.filter((m) => !own.includes(m))
  return { own, others }
}
