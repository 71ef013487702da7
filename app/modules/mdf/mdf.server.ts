// The MDF module's public verbs (market development funds: funds, allocations, requests, claims,
// the ledger and payouts). Other modules and routes import from here only.
import { db } from '../../utils/db.server'
import { balancesOf as ledgerBalances } from './ledger.server'

export { accrueAllFunds, allocate, applyTierRule, burnDown, createFund, expireFunds, getFund, jakartaToday, listFunds, partnerChoices, periodDates, runAccrual, type Fund, type FundInput } from './funds.server'
export { reconcileLedger, type ReconcileProblem } from './ledger.server'
export { createRequest, decideRequest, lapseUnclaimedRequests, listRequests, REQUEST_SORTS, requestNumber, sendClaimDeadlineReminders, shareCap, submitRequest, updateRequest, withdrawRequest, type RequestInput, type RequestSort } from './requests.server'
export { CLAIM_FILE_KINDS, claimFileDownload, decideClaim, fileClaim, maxClaimFileBytes, MAX_CLAIM_FILES, resubmitClaim, type ClaimInput } from './claims.server'
export { handleStripeWebhook, payManually, payWithStripe, setPayoutAccount, STRIPE_ACCOUNT_ID } from './payouts.server'
export { getRequest, mdfBalancesFor, mdfFundedLeads, mdfQueueCounts, openFundsFor, payoutSettings } from './view.server'
export { remittancePdf, statementPdf } from './pdf.server'
export { mdfApprovalSources } from './mdf.approvals.server'
export { checkLedgerAndAlert } from './reconcile.server'

/** One partner's balances in one fund now (allocated, committed, claimed, paid, available). */
export function balancesOf(fundId: string, orgId: string) {
  return ledgerBalances(db, fundId, orgId)
}
