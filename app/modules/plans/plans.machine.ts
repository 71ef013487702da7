import { defineMachine } from '../../kit/machine'

// Sign-off of a joint business plan as one table. Both sides sign; the second signature freezes
// a version. Any edit to a plan with one signature clears it (back to draft); an edit to a
// signed plan opens the next version as a draft (`revise`), the frozen one stays readable.
export const PLAN_STATUSES = ['draft', 'signed_by_vendor', 'signed_by_partner', 'signed'] as const
export type PlanStatus = (typeof PLAN_STATUSES)[number]

/** Who signs for which side: the vendor's partner manager, or the partner organisation's admin. */
export type PlanPart = 'vendor' | 'partner'

export const planMachine = defineMachine({
  statuses: PLAN_STATUSES,
  transitions: {
    vendor_sign: { from: ['draft'], to: 'signed_by_vendor', by: 'vendor' },
    vendor_countersign: { from: ['signed_by_partner'], to: 'signed', by: 'vendor' },
    partner_sign: { from: ['draft'], to: 'signed_by_partner', by: 'partner' },
    partner_countersign: { from: ['signed_by_vendor'], to: 'signed', by: 'partner' },
  },
})

export type PlanEvent = (typeof planMachine.events)[number]

/** The signing event open to this side from this status, if any. */
export function signEventFor(status: PlanStatus, part: PlanPart): PlanEvent | null {
  const candidates: PlanEvent[] = part === 'vendor' ? ['vendor_sign', 'vendor_countersign'] : ['partner_sign', 'partner_countersign']
  return candidates.find((e) => planMachine.can(status, e)) ?? null
}

/** What an objective measures; each measure but free text has a live actual (plans.measures.server.ts). */
export const MEASURES = ['revenue_won', 'registrations_approved', 'pipeline_created', 'people_certified', 'mdf_funded_leads', 'free_text'] as const
export type Measure = (typeof MEASURES)[number]
/** Measures counted in money (integer minor units of the plan's currency); the others are counts. */
export const MONEY_MEASURES: readonly Measure[] = ['revenue_won', 'pipeline_created']

export const QUARTERS = [1, 2, 3, 4] as const
export type Quarter = (typeof QUARTERS)[number]

/** How a quarter is going against its target. */
export const PROGRESS = ['on_track', 'at_risk', 'off_track', 'upcoming', 'no_target', 'unavailable'] as const
export type Progress = (typeof PROGRESS)[number]
