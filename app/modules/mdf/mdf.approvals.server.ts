// What MDF has waiting for a partner manager, for the one approval queue (app/kit/approvals.ts):
// requests before the activity, claims after it. Buttons post `intent` to the request's page.
import { defineApprovalSource, type ApprovalSource } from '../../kit/approvals'
import { translate } from '../../utils/i18n'
import { formatMoney } from '../../utils/money'
import { assertCan } from '../auth/actor'
import { organisationNames } from '../orgs/orgs.server'
import { pendingClaimCount, pendingClaims, requestsOfClaims, waitingClaims } from './claims.server'
import { fundRow } from './funds.server'
import { pendingRequestCount, pendingRequests, requestNumber, shareCap, waitingRequests } from './requests.server'

const requests = defineApprovalSource({
  kind: 'mdf_request',
  label: 'mdf.queue.request',
  needs: 'approve:mdf',
  async waiting(actor, { orgId, limit }) {
    assertCan(actor, 'approve:mdf')
    return waitingRequests(limit, orgId)
  },
  async pending(actor, { orgId, limit, ids }) {
    assertCan(actor, 'approve:mdf')
    const rows = pendingRequests(limit, orgId, ids)
    const names = organisationNames(rows.map((r) => r.orgId))
    // a handful of funds behind up to hundreds of requests: each read once
    const funds = new Map([...new Set(rows.map((r) => r.fundId))].map((id) => [id, fundRow(id)]))
    return rows.map((r) => {
      const fund = funds.get(r.fundId)
      return {
        kind: 'mdf_request',
        id: r.id,
        href: `/mdf/requests/${r.id}`,
        title: `${requestNumber(r.number)} · ${r.title}`,
        orgId: r.orgId,
        orgName: names.get(r.orgId)?.name ?? '',
        waitingSince: r.submittedAt ?? r.createdAt,
        amount: { minor: r.requestedMinor, currency: r.currency },
        facts: [
          translate(actor.locale, 'mdf.queue.requestFacts', { cost: formatMoney(r.costMinor, r.currency, actor.locale), pct: fund?.maxSharePct ?? 50, cap: formatMoney(shareCap(r.costMinor, fund?.maxSharePct ?? 50), r.currency, actor.locale) }),
          translate(actor.locale, `mdf.activity.${r.activityType}`),
        ],
        actions: [
          { intent: 'approve', label: 'mdf.actions.approve', tone: 'primary', confirm: 'mdf.confirm.approve' },
          { intent: 'return', label: 'mdf.actions.return', tone: 'default', needsReason: true },
          { intent: 'reject', label: 'mdf.actions.reject', tone: 'danger', needsReason: true },
        ],
      }
    })
  },
  async count(actor, options) {
    assertCan(actor, 'approve:mdf')
    return pendingRequestCount(options?.orgId)
  },
  async countWaitingBefore(actor, { waitingBefore, orgId }) {
    assertCan(actor, 'approve:mdf')
    return pendingRequestCount(orgId, waitingBefore)
  },
})

const claims = defineApprovalSource({
  kind: 'mdf_claim',
  label: 'mdf.queue.claim',
  needs: 'approve:mdf',
  async waiting(actor, { orgId, limit }) {
    assertCan(actor, 'approve:mdf')
    return waitingClaims(limit, orgId)
  },
  async pending(actor, { orgId, limit, ids }) {
    assertCan(actor, 'approve:mdf')
    const rows = pendingClaims(limit, orgId, ids)
    const names = organisationNames(rows.map((r) => r.orgId))
    const reqs = new Map(requestsOfClaims(rows.map((r) => r.requestId)).map((r) => [r.id, r]))
    return rows.map((c) => {
      const r = reqs.get(c.requestId)!
      return {
        kind: 'mdf_claim',
        id: c.id,
        href: `/mdf/requests/${c.requestId}`,
        title: `${requestNumber(r.number)} · ${r.title}`,
        orgId: c.orgId,
        orgName: names.get(c.orgId)?.name ?? '',
        waitingSince: c.submittedAt,
        amount: { minor: c.claimedMinor, currency: c.currency },
        facts: [translate(actor.locale, 'mdf.queue.claimFacts', { approved: formatMoney(r.approvedMinor ?? 0, c.currency, actor.locale), actual: formatMoney(c.actualCostMinor, c.currency, actor.locale), leads: c.leads })],
        actions: [
          { intent: 'approveClaim', label: 'mdf.actions.approveClaim', tone: 'primary', confirm: 'mdf.confirm.approveClaim' },
          { intent: 'returnClaim', label: 'mdf.actions.return', tone: 'default', needsReason: true },
          { intent: 'rejectClaim', label: 'mdf.actions.reject', tone: 'danger', needsReason: true },
        ],
      }
    })
  },
  async count(actor, options) {
    assertCan(actor, 'approve:mdf')
    return pendingClaimCount(options?.orgId)
  },
  async countWaitingBefore(actor, { waitingBefore, orgId }) {
    assertCan(actor, 'approve:mdf')
    return pendingClaimCount(orgId, waitingBefore)
  },
})

export const mdfApprovalSources: ApprovalSource[] = [requests, claims]
