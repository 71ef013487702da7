import { defineMachine } from '../../kit/machine'

// The supplier module's workflows as tables (browser-safe: pages label their buttons from them).

/** A catalog version: staged by an import, reviewed by procurement. */
export const CATALOG_STATUSES = ['importing', 'failed', 'invalid', 'submitted', 'approved', 'rejected', 'superseded'] as const
export type CatalogStatus = (typeof CATALOG_STATUSES)[number]
export type CatalogPart = 'supplier' | 'procurement' | 'system'

export const catalogMachine = defineMachine({
  statuses: CATALOG_STATUSES,
  transitions: {
    // the import's last transaction: every row valid → waits for review; some rows bad → the report
    stage: { from: ['importing'], to: 'submitted', by: 'system' },
    stageWithErrors: { from: ['importing'], to: 'invalid', by: 'system' },
    fail: { from: ['importing'], to: 'failed', by: 'system' },
    approve: { from: ['submitted'], to: 'approved', by: 'procurement' },
    reject: { from: ['submitted'], to: 'rejected', by: 'procurement' },
    // a newer file of the same supplier replaces one still waiting (or one with errors)
    supersede: { from: ['submitted', 'invalid'], to: 'superseded', by: 'supplier' },
  },
})
export const CATALOG_EVENTS = catalogMachine.events

/** A self-registration. */
export const APPLICATION_STATUSES = ['submitted', 'info_requested', 'approved', 'rejected'] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]
export const applicationMachine = defineMachine({
  statuses: APPLICATION_STATUSES,
  transitions: {
    approve: { from: ['submitted'], to: 'approved', by: 'procurement' },
    reject: { from: ['submitted', 'info_requested'], to: 'rejected', by: 'procurement' },
    askInfo: { from: ['submitted'], to: 'info_requested', by: 'procurement' },
    answer: { from: ['info_requested'], to: 'submitted', by: 'applicant' },
  },
})

/** A supplier document (one upload of one required type). */
export const DOCUMENT_STATUSES = ['pending', 'accepted', 'rejected'] as const
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number]
export const documentMachine = defineMachine({
  statuses: DOCUMENT_STATUSES,
  transitions: {
    accept: { from: ['pending'], to: 'accepted', by: 'procurement' },
    reject: { from: ['pending'], to: 'rejected', by: 'procurement' },
  },
})

/** A change to a sensitive profile field (bank account, NPWP, legal name). */
export const CHANGE_STATUSES = ['pending', 'approved', 'rejected'] as const
export type ChangeStatus = (typeof CHANGE_STATUSES)[number]
export const changeMachine = defineMachine({
  statuses: CHANGE_STATUSES,
  transitions: {
    approve: { from: ['pending'], to: 'approved', by: 'procurement' },
    reject: { from: ['pending'], to: 'rejected', by: 'procurement' },
  },
})

export const CATALOG_MODES = ['full', 'incremental'] as const
export type CatalogMode = (typeof CATALOG_MODES)[number]

/** How a staged line compares with the approved catalog. */
export const LINE_CHANGES = ['new', 'price_up', 'price_down', 'changed', 'unchanged', 'deactivated'] as const
export type LineChange = (typeof LINE_CHANGES)[number]
