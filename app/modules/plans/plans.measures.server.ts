import { partnerPipelineCreated, partnerRevenueWon } from '../crm/crm.server'
import { registrationsApproved } from '../deals/deals.server'
import { certifiedPeople } from '../training/training.server'
import { mdfFundedLeads } from '../mdf/mdf.server'
import type { Measure } from './plans.machine'

/** The live actual of one measure for one partner over [fromMs, toMs): money in IDR minor units, or a count. */
export type MeasureProvider = (orgId: string, fromMs: number, toMs: number) => Promise<number>

/**
 * Where each objective measure's actual comes from. A measure whose provider is null is shown as
 * "not available yet" — never a made-up number. Wiring a new one is one line here:
 *   people_certified: (orgId, _from, to) => certifiedPeople(orgId, to)          (training)
 *   mdf_funded_leads: (orgId, from, to) => mdfFundedLeads(orgId, from, to)      (mdf)
 */
export const MEASURE_PROVIDERS: Record<Measure, MeasureProvider | null> = {
  revenue_won: (orgId, from, to) => partnerRevenueWon(orgId, from, to, 'IDR'),
  pipeline_created: (orgId, from, to) => partnerPipelineCreated(orgId, from, to, 'IDR'),
  registrations_approved: (orgId, from, to) => registrationsApproved(orgId, from, to),
  // people holding a valid certificate at the end of the period (a level, not a sum of issues)
  people_certified: (orgId, _from, to) => certifiedPeople(orgId, Math.min(to, Date.now())),
  // leads reported on approved MDF claims of activities that ended in the period
  mdf_funded_leads: (orgId, from, to) => mdfFundedLeads(orgId, from, to),
  free_text: null,
}
