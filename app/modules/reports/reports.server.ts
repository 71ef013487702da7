import { can, scopeOf, type Actor } from '../auth/actor'
import { programmeTerms } from '../content/content.server'
import { leadBands, partnerSourcedTotals, pipelineSummaries } from '../crm/crm.server'
import { openRegistrationCount, pendingApprovalCount } from '../deals/deals.server'
import { organisationCounts, ownOrganisation } from '../orgs/orgs.server'

/**
 * Everyone's first page, assembled from what the actor may see — straight from the permission map,
 * never from the kind of their organisation: a section appears when its capability is held, so no
 * tile links to a page that answers 403 or 404.
 */
export async function homeFor(actor: Actor) {
  const vendorWide = (capability: Parameters<typeof scopeOf>[1]) => scopeOf(actor, capability) === 'any'
  return {
    pendingApprovals: can(actor, 'approve:deal_registration') ? await pendingApprovalCount(actor) : null,
    organisations: vendorWide('read:organisation') ? await organisationCounts(actor) : null,
    pipeline: can(actor, 'read:crm') ? await pipelineSummaries(actor) : null,
    leadBands: can(actor, 'read:crm') ? await leadBands(actor) : null,
    own: scopeOf(actor, 'read:home') === 'own_org' ? await ownOrganisation(actor) : null,
    openRegistrations: can(actor, 'register:deal_registration', { orgId: actor.orgId }) ? await openRegistrationCount(actor) : null,
    partnerPipeline: can(actor, 'register:deal_registration', { orgId: actor.orgId }) ? await partnerSourcedTotals(actor, actor.orgId) : null,
    terms: scopeOf(actor, 'read:home') === 'own_org' ? programmeTerms(can(actor, 'register:deal_registration', { orgId: actor.orgId }) ? 'partner' : 'supplier', actor.locale) : null,
    termsAudience: can(actor, 'register:deal_registration', { orgId: actor.orgId }) ? ('partner' as const) : ('supplier' as const),
  }
}
