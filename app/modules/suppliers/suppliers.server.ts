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
