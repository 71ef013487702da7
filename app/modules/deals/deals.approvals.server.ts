import { and, asc, count, eq, sql } from 'drizzle-orm'
import { dealExtensions, dealRegistrations } from '../../../db/schema/deals'
import { defineApprovalSource, type PendingApproval } from '../../kit/approvals'
import { formatCalendarDate, formatLongDate } from '../../utils/dates'
import { db, preparedQuery } from '../../utils/db.server'
import { inJsonList } from '../../utils/sql'
import { translate } from '../../utils/i18n'
import { assertCan, type Actor } from '../auth/actor'
import { organisationNames } from '../orgs/orgs.server'
import { dealLink, registrationWaitingSince, submittedRegistrationCount } from './internal.server'
import { currentDealRules } from './rules.server'

// the rows of the queue's page, by the ids `waiting` gave: by primary key, the status checked on the rows
const byIdsQuery = preparedQuery((db) => db.select().from(dealRegistrations).where(inJsonList(dealRegistrations.id)).prepare())
// pending extension requests with their registrations, oldest first, of every partner or of one
const extensionColumns = { ext: dealExtensions, reg: dealRegistrations }
const pendingExtensionsQuery = preparedQuery((db) =>
  db.select(extensionColumns).from(dealExtensions).innerJoin(dealRegistrations, eq(dealRegistrations.id, dealExtensions.registrationId)).where(eq(dealExtensions.status, 'pending')).orderBy(asc(dealExtensions.createdAt)).limit(sql.placeholder('limit')).prepare(),
)
const pendingExtensionsOfOrgQuery = preparedQuery((db) =>
  db
    .select(extensionColumns)
    .from(dealExtensions)
    .innerJoin(dealRegistrations, eq(dealRegistrations.id, dealExtensions.registrationId))
    .where(and(eq(dealExtensions.status, 'pending'), eq(dealRegistrations.partnerOrgId, sql.placeholder('orgId'))))
    .orderBy(asc(dealExtensions.createdAt))
    .limit(sql.placeholder('limit'))
    .prepare(),
)
const pendingExtensionCountQuery = preparedQuery((db) => db.select({ n: count() }).from(dealExtensions).where(eq(dealExtensions.status, 'pending')).prepare())
const pendingExtensionOfOrgCountQuery = preparedQuery((db) =>
  db.select({ n: count() }).from(dealExtensions).innerJoin(dealRegistrations, eq(dealRegistrations.id, dealExtensions.registrationId)).where(and(eq(dealExtensions.status, 'pending'), eq(dealRegistrations.partnerOrgId, sql.placeholder('orgId')))).prepare(),
)

// submitted registrations as the queue orders them: ids, partners and waiting times only
const waitingColumns = { id: dealRegistrations.id, orgId: dealRegistrations.partnerOrgId, waitingSince: registrationWaitingSince }
const waitingQuery = preparedQuery((db) => db.select(waitingColumns).from(dealRegistrations).where(eq(dealRegistrations.status, 'submitted')).orderBy(asc(dealRegistrations.submittedAt)).limit(sql.placeholder('limit')).prepare())
const waitingOfOrgQuery = preparedQuery((db) =>
  db.select(waitingColumns).from(dealRegistrations).where(and(eq(dealRegistrations.status, 'submitted'), eq(dealRegistrations.partnerOrgId, sql.placeholder('orgId')))).orderBy(asc(dealRegistrations.submittedAt)).limit(sql.placeholder('limit')).prepare(),
)

/**
 * What deals puts in the one approval queue (issue 16): submitted registrations and pending
 * extension requests, oldest first. The buttons post to the registration's page, whose action
 * knows these intents (approve, reject, approve-extension, decline-extension).
 */
const registrations = defineApprovalSource({
  kind: 'deal_registration',
  label: 'deals.queue.kindRegistration',
  needs: 'approve:deal_registration',
  async waiting(actor, { orgId, limit }) {
    assertCan(actor, 'approve:deal_registration')
    return orgId ? waitingOfOrgQuery().all({ limit, orgId }) : waitingQuery().all({ limit })
  },
  async pending(actor: Actor, { orgId, limit, ids }) {
    assertCan(actor, 'approve:deal_registration')
    const where = and(eq(dealRegistrations.status, 'submitted'), orgId ? eq(dealRegistrations.partnerOrgId, orgId) : undefined)
    const rows = ids ? byIdsQuery().all({ ids: JSON.stringify(ids.slice(0, limit)) }).filter((r) => r.status === 'submitted' && (!orgId || r.partnerOrgId === orgId)) : db.select().from(dealRegistrations).where(where).orderBy(asc(dealRegistrations.submittedAt)).limit(limit).all()
    const partners = organisationNames(rows.map((r) => r.partnerOrgId))
    const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(actor.locale, key, params)
    return rows.map(
      (r): PendingApproval => ({
        kind: 'deal_registration',
        id: r.id,
        href: dealLink(r.id),
        actionUrl: `${dealLink(r.id)}?index`,
        title: r.customerName,
        orgId: r.partnerOrgId,
        orgName: partners.get(r.partnerOrgId)?.name ?? '',
        waitingSince: r.submittedAt ?? r.createdAt,
        amount: { minor: r.valueMinor, currency: r.currency },
        facts: [
          t('deals.queue.products', { products: r.products }),
          t('deals.queue.expectedClose', { date: formatCalendarDate(r.expectedCloseDate, actor.locale) }),
          r.conflictCount > 0 ? t('deals.queue.conflicts', { count: r.conflictCount }) : t('deals.queue.noConflicts'),
        ],
        actions: [
          { intent: 'approve', label: 'deals.approve', tone: 'primary', confirm: 'deals.confirmApprove' },
          { intent: 'reject', label: 'deals.reject', tone: 'danger', needsReason: true },
        ],
      }),
    )
  },
  async count(actor, options = {}) {
    assertCan(actor, 'approve:deal_registration')
    return submittedRegistrationCount(options.orgId)
  },
  async countWaitingBefore(actor, { waitingBefore, orgId }) {
    assertCan(actor, 'approve:deal_registration')
    return submittedRegistrationCount(orgId, waitingBefore)
  },
})

const extensions = defineApprovalSource({
  kind: 'deal_extension',
  label: 'deals.queue.kindExtension',
  needs: 'approve:deal_registration',
  async pending(actor: Actor, { orgId, limit }) {
    assertCan(actor, 'approve:deal_registration')
    const rows = orgId ? pendingExtensionsOfOrgQuery().all({ orgId, limit }) : pendingExtensionsQuery().all({ limit })
    const partners = organisationNames(rows.map((r) => r.reg.partnerOrgId))
    const rules = currentDealRules()
    return rows.map(
      ({ ext, reg }): PendingApproval => ({
        kind: 'deal_extension',
        id: ext.id,
        href: dealLink(reg.id),
        actionUrl: `${dealLink(reg.id)}?index`,
        title: reg.customerName,
        orgId: reg.partnerOrgId,
        orgName: partners.get(reg.partnerOrgId)?.name ?? '',
        waitingSince: ext.createdAt,
        amount: { minor: reg.valueMinor, currency: reg.currency },
        facts: [
          translate(actor.locale, 'deals.queue.justification', { justification: ext.justification }),
          reg.protectedUntil ? translate(actor.locale, 'deals.queue.protectedUntil', { date: formatLongDate(reg.protectedUntil, actor.locale, actor.timeZone) }) : '',
          translate(actor.locale, 'deals.queue.extensionsUsed', { used: reg.extensionsUsed, max: rules.maxExtensions }),
        ].filter(Boolean),
        actions: [
          { intent: 'approve-extension', label: 'deals.extensionApprove', tone: 'primary' },
          { intent: 'decline-extension', label: 'deals.extensionDecline', tone: 'danger', needsReason: true },
        ],
      }),
    )
  },
  async count(actor, options = {}) {
    assertCan(actor, 'approve:deal_registration')
    return (options.orgId ? pendingExtensionOfOrgCountQuery().get({ orgId: options.orgId }) : pendingExtensionCountQuery().get())?.n ?? 0
  },
})

export const dealApprovalSources = [registrations, extensions]
