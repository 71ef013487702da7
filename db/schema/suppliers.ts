import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt, id, updatedAt } from './_columns'
import { organisations, users } from './orgs'
import { APPLICATION_STATUSES, CATALOG_MODES, CATALOG_STATUSES, CHANGE_STATUSES, DOCUMENT_STATUSES, LINE_CHANGES } from '../../app/modules/suppliers/suppliers.machine'

/** What the vendor knows of a supplier beyond its organisation row: contacts, bank, ERP link, hold. */
export const supplierProfiles = sqliteTable('supplier_profiles', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => organisations.id),
  address: text('address'),
  categories: text('categories', { mode: 'json' }).$type<string[]>().notNull().default([]),
  contactName: text('contact_name'),
  contactEmail: text('contact_email'),
  contactPhone: text('contact_phone'),
  bankName: text('bank_name'),
  bankAccount: text('bank_account'),
  bankHolder: text('bank_holder'),
  // the ERP supplier id procurement links this supplier to
  vendorCode: text('vendor_code'),
  rating: integer('rating'),
  // set by the document job: the words both sides see while the supplier is on hold
  holdReason: text('hold_reason', { mode: 'json' }).$type<{ missing: string[]; expired: string[] }>(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
})

export const supplierApplications = sqliteTable(
  'supplier_applications',
  {
    id: id(),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull().default('submitted'),
    legalName: text('legal_name').notNull(),
    npwp: text('npwp').notNull(),
    address: text('address').notNull(),
    city: text('city').notNull(),
    categories: text('categories', { mode: 'json' }).$type<string[]>().notNull(),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    contactPhone: text('contact_phone'),
    locale: text('locale', { enum: ['id', 'en'] }).notNull().default('id'),
    termsAcceptedAt: integer('terms_accepted_at').notNull(),
    // the question procurement asked, the applicant's answer (a secret link lets them answer)
    infoRequest: text('info_request'),
    infoAnswer: text('info_answer'),
    answerTokenHash: text('answer_token_hash'),
    rejectionReason: text('rejection_reason'),
    decidedBy: text('decided_by').references(() => users.id),
    decidedAt: integer('decided_at'),
    orgId: text('org_id').references(() => organisations.id),
    submittedAt: integer('submitted_at').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('supplier_app_status_idx').on(t.status, t.submittedAt)],
)

export const catalogVersions = sqliteTable(
  'catalog_versions',
  {
    id: id(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    number: integer('number').notNull(),
    status: text('status', { enum: CATALOG_STATUSES }).notNull().default('importing'),
    mode: text('mode', { enum: CATALOG_MODES }).notNull(),
    source: text('source', { enum: ['upload', 'api', 'command'] }).notNull(),
    fileName: text('file_name'),
    // counters: written as the import goes (progress) and final at staging
    rowsRead: integer('rows_read').notNull().default(0),
    validRows: integer('valid_rows').notNull().default(0),
    invalidRows: integer('invalid_rows').notNull().default(0),
    newCount: integer('new_count').notNull().default(0),
    priceUpCount: integer('price_up_count').notNull().default(0),
    priceDownCount: integer('price_down_count').notNull().default(0),
    changedCount: integer('changed_count').notNull().default(0),
    deactivatedCount: integer('deactivated_count').notNull().default(0),
    // a reason the whole file was refused (wrong header, empty file, a row too large)
    failure: text('failure', { mode: 'json' }).$type<{ key: string; params?: Record<string, string | number> }>(),
    submittedBy: text('submitted_by').references(() => users.id),
    submittedAt: integer('submitted_at'),
    decidedBy: text('decided_by').references(() => users.id),
    decidedAt: integer('decided_at'),
    rejectionReason: text('rejection_reason'),
    // the importer's heartbeat: an 'importing' version whose heartbeat stopped was killed
    heartbeatAt: integer('heartbeat_at').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('catalog_versions_org_idx').on(t.orgId, t.number), index('catalog_versions_status_idx').on(t.status, t.submittedAt)],
)

/** The lines of a staged version. Written in batches while importing; visible only through a staged version. */
export const catalogStagedLines = sqliteTable(
  'catalog_staged_lines',
  {
    versionId: text('version_id').notNull(),
    sku: text('sku').notNull(),
    rowNo: integer('row_no').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    unit: text('unit').notNull(),
    priceMinor: integer('price_minor').notNull(),
    currency: text('currency').notNull(),
    minOrderQty: integer('min_order_qty').notNull(),
    leadTimeDays: integer('lead_time_days'),
    category: text('category'),
    effectiveFrom: text('effective_from').notNull(),
    effectiveTo: text('effective_to'),
    active: integer('active').notNull(),
    change: text('change', { enum: LINE_CHANGES }),
    oldPriceMinor: integer('old_price_minor'),
    rejected: integer('rejected').notNull().default(0),
    comment: text('comment'),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.sku] }), index('catalog_staged_change_idx').on(t.versionId, t.change)],
)

/** The bad rows of an import: row number, column and a message key. */
export const catalogImportErrors = sqliteTable(
  'catalog_import_errors',
  {
    versionId: text('version_id').notNull(),
    rowNo: integer('row_no').notNull(),
    column: text('column'),
    messageKey: text('message_key').notNull(),
    params: text('params', { mode: 'json' }).$type<Record<string, string | number>>(),
  },
  (t) => [index('catalog_import_errors_idx').on(t.versionId, t.rowNo)],
)

/** The approved catalog: one row per supplier and SKU, as the last approved version left it. */
export const catalogItems = sqliteTable(
  'catalog_items',
  {
    orgId: text('org_id').notNull(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    unit: text('unit').notNull(),
    priceMinor: integer('price_minor').notNull(),
    currency: text('currency').notNull(),
    minOrderQty: integer('min_order_qty').notNull(),
    leadTimeDays: integer('lead_time_days'),
    category: text('category'),
    active: integer('active').notNull(),
    versionId: text('version_id').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.sku] }), index('catalog_items_name_idx').on(t.orgId, t.name)],
)

/** Every approved price with the dates it applies: "the price of SKU X on date D". */
export const catalogPrices = sqliteTable(
  'catalog_prices',
  {
    orgId: text('org_id').notNull(),
    sku: text('sku').notNull(),
    effectiveFrom: text('effective_from').notNull(),
    effectiveTo: text('effective_to'),
    priceMinor: integer('price_minor').notNull(),
    currency: text('currency').notNull(),
    versionId: text('version_id').notNull(),
    approvedAt: integer('approved_at').notNull(),
  },
  (t) => [index('catalog_prices_sku_idx').on(t.orgId, t.sku, t.effectiveFrom)],
)

/** API keys of a supplier's integration: only the hash is kept. */
export const supplierApiKeys = sqliteTable(
  'supplier_api_keys',
  {
    id: id(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [index('supplier_api_keys_hash_idx').on(t.keyHash), index('supplier_api_keys_org_idx').on(t.orgId)],
)

/** The documents procurement requires of every supplier. */
export const supplierDocumentTypes = sqliteTable('supplier_document_types', {
  id: id(),
  nameEn: text('name_en').notNull(),
  nameId: text('name_id').notNull(),
  required: integer('required', { mode: 'boolean' }).notNull().default(true),
  hasExpiry: integer('has_expiry', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
})

export const supplierDocuments = sqliteTable(
  'supplier_documents',
  {
    id: id(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    typeId: text('type_id')
      .notNull()
      .references(() => supplierDocumentTypes.id),
    uploadId: text('upload_id').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    expiresOn: text('expires_on'),
    status: text('status', { enum: DOCUMENT_STATUSES }).notNull().default('pending'),
    rejectionReason: text('rejection_reason'),
    uploadedBy: text('uploaded_by')
      .notNull()
      .references(() => users.id),
    decidedBy: text('decided_by').references(() => users.id),
    decidedAt: integer('decided_at'),
    // smallest "days before expiry" reminder already sent (30, 7), so each goes once
    reminderSent: integer('reminder_sent'),
    createdAt: createdAt(),
  },
  (t) => [index('supplier_documents_org_idx').on(t.orgId, t.typeId, t.status), index('supplier_documents_status_idx').on(t.status, t.createdAt)],
)

/** A change of a sensitive field, held until procurement approves it. */
export const supplierChangeRequests = sqliteTable(
  'supplier_change_requests',
  {
    id: id(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    status: text('status', { enum: CHANGE_STATUSES }).notNull().default('pending'),
    changes: text('changes', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    requestedBy: text('requested_by')
      .notNull()
      .references(() => users.id),
    decidedBy: text('decided_by').references(() => users.id),
    decidedAt: integer('decided_at'),
    rejectionReason: text('rejection_reason'),
    createdAt: createdAt(),
  },
  (t) => [index('supplier_changes_idx').on(t.status, t.createdAt), index('supplier_changes_org_idx').on(t.orgId)],
)
