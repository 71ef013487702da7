import type { Actor, Capability } from '../modules/auth/actor'
import type { MessageKey } from '../utils/i18n'

/**
 * The contract between a module that has records waiting for a vendor decision and the one
 * approval queue (issue 16). A module exports its sources from a public file,
 * `<module>.approvals.server.ts`, and the queue lists them (app/modules/reports/approvals.server.ts):
 * adding a new kind of approval is one source there plus one line in that list.
 *
 * Everything in a PendingApproval is already scoped to the reader and translated into their
 * language: the queue renders it as it comes.
 */
export type PendingApproval = {
  /** the kind's key, e.g. 'deal_registration', 'mdf_request', 'mdf_claim', 'catalog_version' */
  kind: string
  id: string
  /** the record's page: the decision buttons post their `intent` here */
  href: string
  /**
   * where the buttons post when it differs from href: a record page that is an index route
   * (`_app.deals.$dealId._index`) takes its POST at `href?index`, as Remix's own forms send it
   */
  actionUrl?: string
  title: string
  orgId: string
  orgName: string
  /** unix ms since when it has waited for the vendor (submission, resubmission) */
  waitingSince: number
  amount: { minor: number; currency: string } | null
  /** short translated lines the manager needs to decide: "Cost Rp 40.000.000, 50% share", "2 conflicts" */
  facts: string[]
  /** the decisions offered from the queue; each posts `intent` (and `reason` when asked) to href */
  actions: ApprovalAction[]
}

/** A waiting row as the queue orders it, before it is built. */
export type WaitingKey = { id: string; orgId: string; waitingSince: number }

export type ApprovalAction = {
  intent: string
  label: MessageKey
  tone: 'primary' | 'danger' | 'default'
  needsReason?: boolean
  /** asked before posting (with JavaScript), as the record's own page asks: "Approve this registration? …" */
  confirm?: MessageKey
}

export type ApprovalSource = {
  kind: string
  /** the label of the kind in filters and headings */
  label: MessageKey
  /** the capability a reader must hold (at scope any) to see this kind in the queue */
  needs: Capability
  /**
   * oldest first; at most `limit` rows; optionally one partner/supplier organisation. With `ids` (from
   * `waiting`), only those rows, still waiting: the queue builds just the rows of the page it shows.
   */
  pending(actor: Actor, options: { orgId?: string; limit: number; ids?: string[] }): Promise<PendingApproval[]>
  /**
   * The waiting rows' ids, organisations and waiting times only, oldest first, at most `limit`: the queue
   * merges the kinds on these and asks `pending` with `ids` for the rows it shows. Optional, like
   * `countWaitingBefore`: a kind without it has its `pending` rows all built (fine for kinds that are few).
   */
  waiting?(actor: Actor, options: { orgId?: string; limit: number }): Promise<WaitingKey[]>
  count(actor: Actor, options?: { orgId?: string }): Promise<number>
  /**
   * How many have waited since before `waitingBefore` (unix ms), optionally of one organisation: the
   * overdue and age-filtered counts of the queue and the dashboard, without building every row, so the
   * queue reads only the rows of the page it shows. Optional: a kind without it is counted from its
   * `pending` rows (fine for kinds that are few; implement it for any that can be many).
   */
  countWaitingBefore?(actor: Actor, options: { waitingBefore: number; orgId?: string }): Promise<number>
}

export function defineApprovalSource(source: ApprovalSource): ApprovalSource {
  return source
}
