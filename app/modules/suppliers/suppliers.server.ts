// The suppliers module's public verbs: self-registration and onboarding, profile and sensitive
// changes, documents that expire, and catalog versions with line-level review.
export {
  submitCatalogUpload,
  submitCatalogFromCommand,
  submitCatalogFromApi,
  summaryOf,
  getCatalogVersion,
  listCatalogVersions,
  versionLines,
  versionErrors,
  approveCatalogVersion,
  rejectCatalogVersion,
  setCatalogLineRejected,
  listCatalogItems,
  catalogOwner,
  catalogSizes,
  priceOn,
  catalogItem,
  listApiKeys,
  createApiKey,
  revokeApiKey,
  supplierForApiKey,
  apiVersions,
  apiVersionErrors,
  VERSION_SORTS,
  ITEM_SORTS,
} from './catalogs.server'
export { cleanOrphanImports, type ImportSummary } from './catalog-import.server'
export {
  submitApplication,
  listApplications,
  getApplication,
  approveApplication,
  rejectApplication,
  askApplicantForInfo,
  openQuestion,
  answerApplicantQuestion,
  inviteSupplier,
  APPLICATION_SORTS,
} from './applications.server'
export { getSupplierProfile, compareSuppliers, reviewCounts, getChangeRequest, listPendingChanges, updateSupplierProfile, approveSupplierChange, rejectSupplierChange, setVendorCode, listSuppliers, maskAccount, SENSITIVE_FIELDS } from './profiles.server'
export {
  listDocumentTypes,
  addDocumentType,
  documentStanding,
  supplierDocumentsOf,
  uploadSupplierDocument,
  documentDownload,
  getDocument,
  decideDocument,
  enforceDocumentHolds,
  pendingDocuments,
  sendDocumentReminders,
  holdNames,
  MAX_DOCUMENT_BYTES,
  DOCUMENT_KINDS,
} from './documents.server'
export { supplierHomeFor } from './home.server'
