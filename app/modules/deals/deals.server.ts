// The deals module's public verbs (deal registration, conflicts, rules of engagement, jobs).
// Other modules and routes import this file, never the module's insides.
export { approvalQueue, checkConflicts, DEAL_SORTS, expiringRegistrations, getDeal, listDeals, openRegistrationCount, pendingApprovalCount, registrationCountsByPartner, registrationsApproved, registrationsForAccount, type DealSort } from './queries.server'
export { answerAndResubmit, createDeal, submitDraft, updateDeal, withdrawDeal } from './register.server'
export { partnerNextActions } from './next-actions.server'
export { approveDeal, convertDeal, decideExtension, decidePendingExtension, rejectDeal, requestExtension, returnDeal } from './decisions.server'
export { expireStaleRegistrations, REMINDER_DAYS, sendExpiryReminders } from './jobs.server'
export { getDealRules, updateDealRules, type DealRules } from './rules.server'
export type { DealRegistration } from './internal.server'
