// The reports module's public verbs: the home page, the one approval queue, partners, reports, exports.
export { APPROVAL_SOURCES, approvalCounts, approvalQueueFor, DEFAULT_SLA_HOURS, escalateOverdueApprovals, getApprovalSlas, updateApprovalSlas, type QueueRow } from './approvals.server'
export { attentionToday } from './attention.server'
export { listPartners, partner360, partnerStats, type PartnerStats } from './partners.server'
export { opportunitiesCsv, partnersCsv, pipelineReportCsv, REPORT_TABLES, type ReportTable } from './exports.server'
export { lastTwelveMonths, monthsBetween, pipelineReport } from './pipeline.server'
import { mdfBalancesFor } from '../mdf/mdf.server'
import { can, scopeOf, type Actor } from '../auth/actor'
import { leadBands, partnerSourcedTotals, pipelineSummaries } from '../crm/crm.server'
import { openRegistrationCount, partnerNextActions, pendingApprovalCount } from '../deals/deals.server'
import { organisationCounts, ownOrganisation } from '../orgs/orgs.server'
import { supplierHomeFor } from '../suppliers/suppliers.server'
import { plansHome } from '../plans/plans.server'
import { attentionToday } from './attention.server'
import { upcomingEventsFor } from '../schedules/schedules.server'
import { trainingHome } from '../training/training.server'

/**
 * Everyone's first page, assembled from what the actor may see — straight from the permission map,
 * never from the kind of their organisation: a section appears when its capability is held, so no
 * tile links to a page that answers 403 or 404.
 */
export async function homeFor(actor: Actor) {
  const registers = can(actor, 'register:deal_registration', { orgId: actor.orgId })
  const ownHome = scopeOf(actor, 'read:home') === 'own_org'
  const readsCrm = can(actor, 'read:crm')
  return {
    pendingApprovals: can(actor, 'approve:deal_registration') ? await pendingApprovalCount(actor) : null,
    organisations: scopeOf(actor, 'read:organisation') === 'any' ? await organisationCounts(actor) : null,
    pipeline: readsCrm ? await pipelineSummaries(actor) : null,
    leadBands: readsCrm ? await leadBands(actor) : null,
    own: ownHome ? await ownOrganisation(actor) : null,
    openRegistrations: registers ? await openRegistrationCount(actor) : null,
    partnerPipeline: registers ? await partnerSourcedTotals(actor, actor.orgId) : null,
    next: registers ? await partnerNextActions(actor) : null,
    programmeTerms: ownHome,
    suppliers: await supplierHomeFor(actor),
    plans: await plansHome(actor),
    attention: await attentionToday(actor),
    upcomingEvents: can(actor, 'read:event', { orgId: actor.orgId }) ? await upcomingEventsFor(actor, 5) : null,
    training: await trainingHome(actor),
    // a partner's market development funds: what is left to spend, at a glance
    mdf: scopeOf(actor, 'read:mdf') === 'own_org' ? await mdfBalancesFor(actor, actor.orgId) : null,
  }
}
