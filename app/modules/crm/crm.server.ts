// The crm module's public verbs: one file per business object (like Twenty), re-exported here so
// other modules and routes import the module, never its insides.
export { ACCOUNT_360_LIMIT, ACCOUNT_SORTS, accountFilterOptions, accountForConversion, accountNames, accountOptions, createAccount, findMatchingAccounts, getAccount, getAccount360, listAccounts, updateAccount, type Account, type AccountSort } from './accounts.server'
export { CONTACT_SORTS, createContact, getContact, listContacts, updateContact, type Contact } from './contacts.server'
export { countLeadBand, createLead, getLead, leadBands, LEAD_SORTS, listLeads, updateLead, type Lead, type LeadSort } from './leads.server'
export {
  countInStageTotals,
  createOpportunity,
  getOpportunity,
  getPipelineBoard,
  listOpportunities,
  listPipelines,
  moveOpportunityStage,
  openOpportunitiesOnAccounts,
  opportunitiesOfPartner,
  opportunityOutcome,
  opportunityRowsForExport,
  opportunityTotalsVersion,
  partnerOutcomeTotals,
  sourceMonthTotals,
  sourceStageTotals,
  OPPORTUNITY_SORTS,
  partnerOpportunityForConversion,
  partnerPipelineCreated,
  partnerRevenueWon,
  partnerSourcedTotals,
  partnerWonRevenueOf,
  partnerWonRevenueSince,
  pipelineSummaries,
  stageNames,
  updateOpportunity,
  type Opportunity,
  type OpportunitySort,
} from './opportunities.server'
export { addActivity } from './activities.server'
