import { can, scopeOf, type Actor } from '../auth/actor'
import { programmeTerms } from '../content/content.server'
import { leadBands, partnerSourcedTotals, pipelineSummaries } from '../crm/crm.server'
import { openRegistrationCount, pendingApprovalCount } from '../deals/deals.server'
import { organisationCounts, ownOrganisation } from '../orgs/orgs.server'
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
  const termsAudience = registers ? ('partner' as const) : ('supplier' as const)
  return {
    pendingApprovals: can(actor, 'approve:deal_registration') ? await pendingApprovalCount(actor) : null,
    organisations: scopeOf(actor, 'read:organisation') === 'any' ? await organisationCounts(actor) : null,
    pipeline: readsCrm ? await pipelineSummaries(actor) : null,
    leadBands: readsCrm ? await leadBands(actor) : null,
    own: ownHome ? await ownOrganisation(actor) : null,
    openRegistrations: registers ? await openRegistrationCount(actor) : null,
    partnerPipeline: registers ? await partnerSourcedTotals(actor, actor.orgId) : null,
    terms: ownHome ? programmeTerms(termsAudience, actor.locale) : null,
    termsAudience,
    training: await trainingHome(actor),
  }
}
