// Every route of the production build, probed over HTTP as the people who must be refused.
// The list of routes comes from the build's manifest, never from a hand-kept list: a new
// route that ROUTE_POLICY does not classify fails this test until someone says who may use it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadBuildManifest, sourceRouteIds, type RouteManifest } from './support/manifest'
import { startServer, type Session, type TestServer } from './support/server'
import { walkRoutes, type ForeignRecord, type FormFor, type ParamSource, type RoutePolicy } from './support/walker'

/** The signed-in people of the walk, all seeded (scripts/seed.ts). */
const PEOPLE = {
  admin: 'admin@mitra.test',
  manager: 'manager@mitra.test',
  sales: 'sales@mitra.test',
  partnerAdmin: 'admin@majujaya.test',
  partnerUser: 'user@majujaya.test',
  supplierAdmin: 'admin@sumbermakmur.test',
  // the partner whose records the attackers go after, where only the owner may open a page
  otherPartnerAdmin: 'admin@sinardigital.test',
} as const
type Person = keyof typeof PEOPLE

/** Who must be refused: users of partner and supplier organisations. */
const ATTACKERS = ['partnerUser', 'partnerAdmin', 'supplierAdmin'] as const satisfies readonly Person[]

/** Where a real id of another organisation's record comes from, per kind of URL parameter. */
type Source = 'account' | 'contact' | 'lead' | 'opportunity' | 'pipeline' | 'organisation' | 'deal' | 'supplier' | 'catalogSku' | 'catalogVersion' | 'application' | 'supplierDocument' | 'supplierDocumentFile' | 'supplierChange' | 'plan' | 'planFile' | 'partnerOrg' | 'libraryItem' | 'libraryFile' | 'libraryVersion' | 'event' | 'course' | 'certification' | 'certificate' | 'certificateFile' | 'mdfRequest' | 'mdfClaim' | 'mdfClaimFile' | 'mdfFund' | 'mdfPaidClaim' | 'mdfStatement' | 'mdfEditable'

// Plausible bodies for actions: valid enough that only the access check can stop them.
let ids: { accountId: string; pipelineId: string; stageId: string; opportunityInPipeline: string; submittedDeal: string }
const activityForm: FormFor = () => ({ kind: 'note', subject: 'walker probe', body: 'walker probe' })
const accountForm: FormFor = () => ({ name: 'Walker Probe Account', city: 'Jakarta' })
const contactForm: FormFor = () => ({ firstName: 'Walker', lastName: 'Probe' })
const leadForm: FormFor = () => ({ company: 'Walker Probe Co', contactName: 'Walker', source: 'web', status: 'new', score: '50' })
const opportunityForm: FormFor = () => ({ name: 'Walker probe deal', accountId: ids.accountId, pipelineId: ids.pipelineId, amount: '1000000', currency: 'IDR' })
const orgForm: FormFor = () => ({ kind: 'partner', name: 'Walker Probe Org', country: 'ID', status: 'active', tier: 'platinum' })
const inviteForm: FormFor = () => ({ email: 'walker.probe@example.test', name: 'Walker Probe', role: 'partner_admin' })
const libraryItemForm: FormFor = () => ({ kind: 'video', titleEn: 'Walker probe', titleId: 'Walker probe', category: 'other', language: 'en', audience: 'all_partners', videoUrl: 'https://video.example/probe' })
const eventForm: FormFor = () => ({ kind: 'webinar', titleEn: 'Walker probe', titleId: 'Walker probe', startsLocal: '2030-01-10T09:00', endsLocal: '2030-01-10T10:00', timeZone: 'Asia/Jakarta', onlineUrl: 'https://meet.example/probe' })
const dealForm: FormFor = () => ({ intent: 'submit', customerName: 'PT Walker Probe', customerWebsite: 'walkerprobe.co.id', contactName: 'Budi', contactEmail: 'budi@walkerprobe.co.id', products: 'Probe', value: '1000000', currency: 'IDR', expectedCloseDate: '2030-01-31', acceptRules: 'on' })

/**
 * Who may use each route. Audiences: 'public' (with the reason), 'signed-in', 'vendor-only'
 * (partner and supplier users refused), 'own-org' (records of one organisation: other
 * organisations get 404). Every dynamic segment names the source of a foreign id.
 */
const ROUTE_POLICY: Record<string, RoutePolicy<Person, Source>> = {
  root: { audience: 'public', reason: 'the document shell: its loader reads only the optional actor, the locale and the toast' },
  'routes/login': { audience: 'public', reason: 'sign-in form' },
  'routes/logout': { audience: 'public', reason: 'POST ends the session of whoever sends it; GET only redirects home' },
  'routes/forgot-password': { audience: 'public', reason: 'asks for a reset link; answers the same for unknown addresses' },
  'routes/reset-password.$token': { audience: 'public', reason: 'the emailed token is the credential (single use, 30 minutes)', params: { token: 'not-a-real-reset-token' } },
  'routes/invitations.$token': { audience: 'public', reason: 'the emailed token is the credential (single use, 7 days)', params: { token: 'not-a-real-invitation-token' } },
  'routes/healthz': { audience: 'public', reason: 'liveness probe for the load balancer: no data' },
  'routes/locale': { audience: 'public', reason: 'switches the interface language (a cookie before sign-in)' },

  'routes/_app': { audience: 'signed-in' },
  'routes/_app._index': { audience: 'signed-in' },
  'routes/_app.profile': { audience: 'signed-in', form: () => ({ name: 'Walker Probe', locale: 'en', timeZone: 'UTC' }) },
  'routes/_app.programme': { audience: 'signed-in' },
  'routes/_app.notifications': { audience: 'signed-in', form: () => ({ intent: 'read-all' }) },
  // partners and suppliers see their own organisation only (checked in access.test.ts)
  'routes/_app.organisations._index': { audience: 'signed-in' },
  'routes/_app.organisations.$orgId._index': { audience: 'own-org', control: 'admin', params: { orgId: 'organisation' }, form: inviteForm },
  'routes/_app.organisations.$orgId.edit': { audience: 'vendor-only', control: 'admin', params: { orgId: 'organisation' }, form: orgForm },
  'routes/_app.organisations.new': { audience: 'vendor-only', control: 'admin', form: orgForm },

  'routes/_app.accounts._index': { audience: 'vendor-only', control: 'manager' },
  'routes/_app.accounts.new': { audience: 'vendor-only', control: 'sales', form: accountForm },
  'routes/_app.accounts.$accountId._index': { audience: 'vendor-only', control: 'manager', params: { accountId: 'account' }, form: activityForm },
  'routes/_app.accounts.$accountId.edit': { audience: 'vendor-only', control: 'sales', params: { accountId: 'account' }, form: accountForm },
  'routes/_app.contacts._index': { audience: 'vendor-only', control: 'manager' },
  'routes/_app.contacts.new': { audience: 'vendor-only', control: 'sales', form: contactForm },
  'routes/_app.contacts.$contactId': { audience: 'vendor-only', control: 'manager', params: { contactId: 'contact' }, form: contactForm },
  'routes/_app.leads._index': { audience: 'vendor-only', control: 'manager' },
  'routes/_app.leads.new': { audience: 'vendor-only', control: 'sales', form: leadForm },
  'routes/_app.leads.$leadId': { audience: 'vendor-only', control: 'manager', params: { leadId: 'lead' }, form: leadForm },
  'routes/_app.opportunities._index': { audience: 'vendor-only', control: 'manager' },
  'routes/_app.opportunities.new': { audience: 'vendor-only', control: 'sales', form: opportunityForm },
  'routes/_app.opportunities.$opportunityId._index': { audience: 'vendor-only', control: 'manager', params: { opportunityId: 'opportunity' }, form: activityForm },
  'routes/_app.opportunities.$opportunityId.edit': { audience: 'vendor-only', control: 'sales', params: { opportunityId: 'opportunity' }, form: opportunityForm },
  'routes/_app.pipelines._index': { audience: 'vendor-only', control: 'manager' },
  'routes/_app.pipelines.$pipelineId': { audience: 'vendor-only', control: 'manager', params: { pipelineId: 'pipeline' }, form: () => ({ opportunityId: ids.opportunityInPipeline, stageId: ids.stageId }) },

  // deal registration: partners see their own, vendor staff all (suppliers are refused; access.test.ts)
  'routes/_app.deals._index': { audience: 'signed-in' },
  'routes/_app.deals.new': { audience: 'signed-in', form: dealForm },
  'routes/_app.deals.$dealId._index': { audience: 'own-org', control: 'otherPartnerAdmin', params: { dealId: 'deal' }, form: () => ({ intent: 'withdraw' }) },
  'routes/_app.deals.$dealId.edit': { audience: 'own-org', control: 'otherPartnerAdmin', params: { dealId: 'deal' }, form: dealForm },
  'routes/_app.deals.approvals': { audience: 'vendor-only', control: 'manager', form: () => ({ intent: 'approve', id: ids.submittedDeal }) },
  'routes/_app.settings.deal-rules': { audience: 'vendor-only', control: 'admin', form: () => ({ protectionDays: '1', extensionDays: '1', maxExtensions: '10', rulesTextId: 'x', rulesTextEn: 'x' }) },
  // the one approval queue across kinds, and its time limits (admin)
  'routes/_app.approvals': { audience: 'vendor-only', control: 'manager' },
  'routes/_app.settings.approval-slas': { audience: 'vendor-only', control: 'admin', form: () => ({ sla_deal_registration: '1', sla_deal_extension: '1' }) },
  // the manager's console: partners, partner 360°, reports and their CSV exports
  'routes/_app.partners._index': { audience: 'vendor-only', control: 'manager' },
  'routes/_app.partners.$orgId': { audience: 'own-org', control: 'manager', params: { orgId: 'partnerOrg' } },
  'routes/_app.reports': { audience: 'vendor-only', control: 'manager' },
  'routes/reports.pipeline[.]csv': { audience: 'vendor-only', control: 'manager', query: '?table=partners' },
  'routes/reports.opportunities[.]csv': { audience: 'vendor-only', control: 'manager' },
  'routes/reports.partners[.]csv': { audience: 'vendor-only', control: 'manager' },
  // joint business plans: partners see their own organisation's, vendor staff all (suppliers refused)
  'routes/_app.plans._index': { audience: 'signed-in' },
  'routes/_app.plans.new': { audience: 'signed-in', form: () => ({ year: '2031', title: 'Walker probe plan' }) },
  'routes/_app.plans.$planId._index': { audience: 'own-org', control: 'otherPartnerAdmin', params: { planId: 'plan' }, form: () => ({ intent: 'comment', body: 'walker probe' }) },
  'routes/plans.$planId.pdf': { audience: 'own-org', control: 'otherPartnerAdmin', params: { planId: 'planFile' } },
  // the live check behind the registration form; partners get a yes/no, never other partners' claims
  'routes/deals.conflicts': { audience: 'signed-in', query: '?name=PT%20Samudra%20Biru%20Logistik' },

  // supplier portal: the public application, the catalog API (its key is the credential), the
  // supplier's own desk (others are sent elsewhere), procurement's pages, and records of one supplier
  'routes/apply.supplier': { audience: 'public', reason: 'a company applies as a supplier (honeypot and a per-IP limit against bots)' },
  'routes/apply.supplier.answer.$token': { audience: 'public', reason: 'the emailed secret link is the credential (single use: it ends with the answer)', params: { token: 'not-a-real-answer-token-0000' } },
  'routes/api.v1.catalogs': { audience: 'public', reason: 'the catalog API authenticates with a supplier API key (Bearer), never a session; no key: 401' },
  'routes/_app.supplier.catalog': { audience: 'signed-in' },
  'routes/_app.supplier.api-keys': { audience: 'signed-in', form: () => ({ intent: 'create', name: 'walker probe' }) },
  'routes/_app.supplier.documents': { audience: 'signed-in' },
  'routes/_app.supplier.profile': { audience: 'signed-in' },
  'routes/_app.suppliers._index': { audience: 'vendor-only', control: 'admin' },
  'routes/_app.suppliers.compare': { audience: 'vendor-only', control: 'admin' },
  'routes/_app.suppliers.invite': { audience: 'vendor-only', control: 'admin', form: () => ({ legalName: 'PT Walker Probe', npwp: '01.234.567.8-901.000', city: 'Jakarta', contactName: 'Walker', contactEmail: 'walker.supplier@example.test' }) },
  'routes/_app.suppliers.catalogs._index': { audience: 'vendor-only', control: 'admin' },
  'routes/_app.suppliers.applications._index': { audience: 'vendor-only', control: 'admin' },
  'routes/_app.suppliers.documents._index': { audience: 'vendor-only', control: 'admin' },
  'routes/_app.suppliers.changes._index': { audience: 'vendor-only', control: 'admin' },
  'routes/_app.suppliers.applications.$applicationId': { audience: 'vendor-only', control: 'admin', params: { applicationId: 'application' }, form: () => ({ intent: 'reject', reason: 'walker probe' }) },
  'routes/_app.suppliers.changes.$changeId': { audience: 'vendor-only', control: 'admin', params: { changeId: 'supplierChange' }, form: () => ({ intent: 'approve' }) },
  'routes/_app.suppliers.catalogs.$versionId': { audience: 'own-org', control: 'admin', params: { versionId: 'catalogVersion' }, form: () => ({ intent: 'reject', reason: 'walker probe' }) },
  'routes/_app.suppliers.$orgId._index': { audience: 'own-org', control: 'admin', params: { orgId: 'supplier' }, form: () => ({ intent: 'vendor-code', vendorCode: 'WALKER' }) },
  'routes/_app.suppliers.$orgId.catalog._index': { audience: 'own-org', control: 'admin', params: { orgId: 'supplier' } },
  'routes/_app.suppliers.$orgId.catalog.$sku': { audience: 'own-org', control: 'admin', params: { orgId: 'supplier', sku: 'catalogSku' } },
  'routes/_app.suppliers.documents.$documentId': { audience: 'own-org', control: 'admin', params: { documentId: 'supplierDocument' }, form: () => ({ intent: 'reject', reason: 'walker probe' }) },
  'routes/suppliers.documents.$documentId.file': { audience: 'own-org', control: 'admin', params: { documentId: 'supplierDocumentFile' } },
  // the library: everyone signed in reads what is shared with them; an item not shared with them is 404
  'routes/_app.library._index': { audience: 'signed-in' },
  'routes/_app.library.new': { audience: 'vendor-only', control: 'manager', form: libraryItemForm },
  'routes/_app.library.usage': { audience: 'vendor-only', control: 'manager' },
  'routes/_app.library.$itemId._index': { audience: 'own-org', control: 'manager', params: { itemId: 'libraryItem' }, form: () => ({ intent: 'favourite' }) },
  'routes/_app.library.$itemId.edit': { audience: 'own-org', control: 'manager', params: { itemId: 'libraryItem' }, form: libraryItemForm },
  'routes/_app.library.$itemId.usage': { audience: 'own-org', control: 'manager', params: { itemId: 'libraryItem' } },
  'routes/library.$itemId.files.$versionId': { audience: 'own-org', control: 'manager', params: { itemId: 'libraryFile', versionId: 'libraryVersion' } },

  // schedules: an event opens for its organiser's staff and those invited; anyone else gets 404
  'routes/_app.events._index': { audience: 'signed-in' },
  'routes/_app.events.feed': { audience: 'signed-in', form: () => ({ intent: 'create' }) },
  'routes/_app.events.new': { audience: 'vendor-only', control: 'manager', form: eventForm },
  'routes/_app.events.$eventId._index': { audience: 'own-org', control: 'manager', params: { eventId: 'event' }, form: () => ({ intent: 'rsvp', answer: 'yes' }) },
  'routes/_app.events.$eventId.edit': { audience: 'own-org', control: 'manager', params: { eventId: 'event' }, form: eventForm },
  'routes/events.$eventId.calendar[.ics]': { audience: 'own-org', control: 'manager', params: { eventId: 'event' } },
  'routes/calendar.$feed': { audience: 'public', reason: 'calendar apps cannot sign in: the secret in the address (stored hashed, regenerable) is the credential', params: { feed: 'notarealfeedsecret0000000000.ics' } },
  // training: the catalogue is the vendor's, open to partners (suppliers refused); certificates belong to one organisation
  'routes/_app.training._index': { audience: 'signed-in' },
  'routes/_app.training.courses.$courseId': { audience: 'signed-in', params: { courseId: 'course' }, form: () => ({ intent: 'complete', moduleId: 'what-it-is' }) },
  'routes/_app.training.exams.$certificationId': { audience: 'signed-in', params: { certificationId: 'certification' }, form: () => ({ intent: 'start' }) },
  'routes/_app.training.certificates.$certificateId': { audience: 'own-org', control: 'otherPartnerAdmin', params: { certificateId: 'certificate' }, form: () => ({ reason: 'walker probe' }) },
  'routes/_app.training.certificates.$certificateId.pdf': { audience: 'own-org', control: 'otherPartnerAdmin', params: { certificateId: 'certificateFile' } },
  'routes/_app.training.manage': { audience: 'vendor-only', control: 'manager' },
  'routes/_app.training.manage.grant': { audience: 'vendor-only', control: 'manager', form: () => ({ email: PEOPLE.partnerUser, certificationId: 'secureedge-associate', reason: 'walker probe' }) },
  'routes/_app.settings.tiers': { audience: 'vendor-only', control: 'admin', form: () => ({ graceDays: '0', 'silver.people': '0' }) },
  // market development funds: a partner reads its own requests, claims and files; vendor staff all
  'routes/_app.mdf._index': { audience: 'signed-in' },
  'routes/_app.mdf.requests.new': { audience: 'signed-in', form: () => ({ intent: 'draft', fundId: 'no-such-fund', activityType: 'event', title: 'Walker probe', description: 'walker probe', startsOn: '2030-01-01', endsOn: '2030-01-02', cost: '1000000', requested: '100000' }) },
  'routes/_app.mdf.requests.$requestId': { audience: 'own-org', control: 'otherPartnerAdmin', params: { requestId: 'mdfRequest' }, form: () => ({ intent: 'withdraw' }) },
  'routes/_app.mdf.requests.$requestId_.edit': { audience: 'own-org', control: 'otherPartnerAdmin', params: { requestId: 'mdfEditable' } },
  'routes/_app.mdf.payouts': { audience: 'signed-in', form: () => ({ stripeAccountId: 'acct_walkerprobe01' }) },
  'routes/_app.mdf.funds.new': { audience: 'vendor-only', control: 'manager', form: () => ({ name: 'Walker probe fund', periodType: 'year', year: '2031', part: '1', currency: 'IDR', budget: '1000000', maxSharePct: '50', claimDeadlineDays: '60' }) },
  'routes/_app.mdf.funds.$fundId': { audience: 'vendor-only', control: 'manager', params: { fundId: 'mdfFund' }, form: () => ({ intent: 'accrue' }) },
  'routes/mdf.claims.$claimId.files.$fileId': { audience: 'own-org', control: 'otherPartnerAdmin', params: { claimId: 'mdfClaim', fileId: 'mdfClaimFile' } },
  'routes/mdf.claims.$claimId.remittance': { audience: 'own-org', control: 'admin', params: { claimId: 'mdfPaidClaim' } },
  'routes/mdf.statement.$fundId': { audience: 'own-org', control: 'otherPartnerAdmin', params: { fundId: 'mdfStatement' } },
  'routes/webhooks.stripe': { audience: 'public', reason: "Stripe's webhook: the signature over the raw body is the credential (verified with the endpoint secret before anything is read)" },
  'routes/verify.$code': { audience: 'public', reason: 'a certificate is checked by whoever holds its code (an employer, a customer); rate-limited, and any miss answers alike', params: { code: 'AAAA-BBBB-CCCC' } },
}

let server: TestServer
let manifest: RouteManifest
const sessions = {} as Record<Person, Session>

beforeAll(async () => {
  manifest = await loadBuildManifest()
  server = await startServer('walker')
  for (const person of Object.keys(PEOPLE) as Person[]) sessions[person] = await server.signIn(PEOPLE[person])
  const opp = server.db.prepare('SELECT o.id, o.pipeline_id AS pipelineId, o.account_id AS accountId, s.id AS stageId FROM opportunities o JOIN pipeline_stages s ON s.pipeline_id = o.pipeline_id AND s.id <> o.stage_id ORDER BY o.id LIMIT 1').get() as { id: string; pipelineId: string; accountId: string; stageId: string }
  const submitted = server.db.prepare("SELECT id FROM deal_registrations WHERE status = 'submitted' ORDER BY id LIMIT 1").get() as { id: string }
  ids = { accountId: opp.accountId, pipelineId: opp.pipelineId, stageId: opp.stageId, opportunityInPipeline: opp.id, submittedDeal: submitted.id }
})

afterAll(async () => {
  await server?.stop()
})

/** The organisation a person belongs to. */
function orgOf(person: Person): { id: string; kind: string } {
  return server.db.prepare('SELECT o.id, o.kind FROM users u JOIN memberships m ON m.user_id = u.id JOIN organisations o ON o.id = m.org_id WHERE u.email = ?').get(PEOPLE[person]) as { id: string; kind: string }
}

/** The first row of a query as a foreign record: core CRM records belong to the vendor, so to every partner and supplier they are foreign. */
function one(sql: string, ...params: string[]): ForeignRecord[] {
  const row = server.db.prepare(sql).get(...params) as { id: string; marker: string } | undefined
  return row ? [row] : []
}

/** Every row of a query as foreign records. */
function many(sql: string, ...params: string[]): ForeignRecord[] {
  return server.db.prepare(sql).all(...params) as ForeignRecord[]
}

function sources(): Record<Source, ParamSource<Person>> {
  const vendorRecord = (sql: string): ParamSource<Person> => ({ foreignFor: (attacker) => (orgOf(attacker).kind === 'vendor' ? [] : one(sql)) })
  return {
    account: vendorRecord('SELECT id, name AS marker FROM accounts ORDER BY name LIMIT 1'),
    contact: vendorRecord("SELECT id, email AS marker FROM contacts WHERE email IS NOT NULL ORDER BY email LIMIT 1"),
    lead: vendorRecord('SELECT id, company AS marker FROM leads ORDER BY company LIMIT 1'),
    opportunity: vendorRecord('SELECT id, name AS marker FROM opportunities ORDER BY name LIMIT 1'),
    pipeline: vendorRecord('SELECT id, name AS marker FROM pipelines ORDER BY name LIMIT 1'),
    // registrations of CV Sinar Digital, one the owner can still edit (returned with a question)
    deal: {
      foreignFor: (attacker) =>
        orgOf(attacker).id === orgOf('otherPartnerAdmin').id ? [] : one("SELECT id, customer_name AS marker FROM deal_registrations WHERE partner_org_id = ? AND status = 'returned' ORDER BY id LIMIT 1", orgOf('otherPartnerAdmin').id),
    },
    // supplier records: every supplier but the attacker's own (partners: all of them), by name
    supplier: { foreignFor: (attacker) => many("SELECT id, name AS marker FROM organisations WHERE kind = 'supplier' AND id <> ? AND EXISTS (SELECT 1 FROM catalog_items i WHERE i.org_id = organisations.id) ORDER BY name", orgOf(attacker).id) },
    // the first SKU of each of those suppliers, in the same order (the item page pairs them)
    catalogSku: {
      foreignFor: (attacker) =>
        many("SELECT (SELECT min(i.sku) FROM catalog_items i WHERE i.org_id = o.id) AS id, (SELECT min(i.sku) FROM catalog_items i WHERE i.org_id = o.id) AS marker FROM organisations o WHERE o.kind = 'supplier' AND o.id <> ? AND EXISTS (SELECT 1 FROM catalog_items i WHERE i.org_id = o.id) ORDER BY o.name", orgOf(attacker).id),
    },
    catalogVersion: { foreignFor: (attacker) => one("SELECT v.id, o.name AS marker FROM catalog_versions v JOIN organisations o ON o.id = v.org_id WHERE v.org_id <> ? ORDER BY o.name, v.number LIMIT 1", orgOf(attacker).id) },
    application: { foreignFor: (attacker) => (orgOf(attacker).kind === 'vendor' ? [] : one("SELECT id, legal_name AS marker FROM supplier_applications WHERE status = 'submitted' ORDER BY legal_name LIMIT 1")) },
    supplierChange: { foreignFor: (attacker) => one("SELECT c.id, o.name AS marker FROM supplier_change_requests c JOIN organisations o ON o.id = c.org_id WHERE c.org_id <> ? AND c.status = 'pending' ORDER BY o.name LIMIT 1", orgOf(attacker).id) },
    supplierDocument: { foreignFor: (attacker) => one("SELECT d.id, o.name AS marker FROM supplier_documents d JOIN organisations o ON o.id = d.org_id WHERE d.org_id <> ? AND d.status = 'pending' ORDER BY o.name LIMIT 1", orgOf(attacker).id) },
    supplierDocumentFile: { foreignFor: (attacker) => one('SELECT d.id FROM supplier_documents d JOIN organisations o ON o.id = d.org_id WHERE d.org_id <> ? ORDER BY o.name LIMIT 1', orgOf(attacker).id) },
    // CV Sinar Digital's business plan (the PDF is compressed: its id, no marker to find in the bytes)
    plan: {
      foreignFor: (attacker) => (orgOf(attacker).id === orgOf('otherPartnerAdmin').id ? [] : one('SELECT id, title AS marker FROM business_plans WHERE partner_org_id = ? ORDER BY id LIMIT 1', orgOf('otherPartnerAdmin').id)),
    },
    planFile: {
      foreignFor: (attacker) => (orgOf(attacker).id === orgOf('otherPartnerAdmin').id ? [] : one('SELECT id FROM business_plans WHERE partner_org_id = ? ORDER BY id LIMIT 1', orgOf('otherPartnerAdmin').id)),
    },
    // a partner organisation other than the attacker's own (the 360° page is the console's, never a partner's)
    partnerOrg: { foreignFor: (attacker) => one("SELECT id, name AS marker FROM organisations WHERE kind = 'partner' AND id <> ? ORDER BY name LIMIT 1", orgOf(attacker).id) },
    // an item shared with vendor staff only: every partner and supplier must get 404 for it and its files
    libraryItem: { foreignFor: () => one("SELECT id, title_id AS marker FROM library_items WHERE audience = 'internal' AND version_count > 0 ORDER BY title_en LIMIT 1") },
    libraryFile: { foreignFor: () => one("SELECT id, NULL AS marker FROM library_items WHERE audience = 'internal' AND version_count > 0 ORDER BY title_en LIMIT 1") },
    libraryVersion: { foreignFor: () => one("SELECT v.id, NULL AS marker FROM library_versions v JOIN library_items i ON i.id = v.item_id WHERE i.audience = 'internal' ORDER BY i.title_en LIMIT 1") },
    // an internal vendor event nobody outside the vendor is invited to
    event: { foreignFor: () => one("SELECT id, title_id AS marker FROM schedule_events e WHERE NOT EXISTS (SELECT 1 FROM schedule_invitations i WHERE i.event_id = e.id) ORDER BY title_en LIMIT 1") },
    // courses and exams are the vendor's catalogue, open to every partner: a supplier holding a real id
    // gets 404; partners probe ids that do not exist (there is no other organisation's course)
    course: { foreignFor: (attacker) => [{ id: orgOf(attacker).kind === 'supplier' ? 'product-fundamentals' : 'no-such-course' }] },
    certification: { foreignFor: (attacker) => [{ id: orgOf(attacker).kind === 'supplier' ? 'secureedge-associate' : 'no-such-certification' }] },
    // CV Sinar Digital's certificate (seed-training.ts): its holder's name must never reach another organisation
    certificate: {
      foreignFor: (attacker) =>
        orgOf(attacker).id === orgOf('otherPartnerAdmin').id ? [] : one("SELECT c.id, u.name AS marker FROM training_certificates c JOIN users u ON u.id = c.user_id WHERE c.org_id = ? ORDER BY c.id LIMIT 1", orgOf('otherPartnerAdmin').id),
    },
    // the same certificate as a PDF (compressed: no marker to look for in it)
    certificateFile: {
      foreignFor: (attacker) => (orgOf(attacker).id === orgOf('otherPartnerAdmin').id ? [] : one('SELECT id FROM training_certificates WHERE org_id = ? ORDER BY id LIMIT 1', orgOf('otherPartnerAdmin').id)),
    },
    // CV Sinar Digital's MDF request, its claim and its proof file (seed-mdf.ts)
    mdfRequest: {
      foreignFor: (attacker) => (orgOf(attacker).id === orgOf('otherPartnerAdmin').id ? [] : one('SELECT id, title AS marker FROM mdf_requests WHERE org_id = ? ORDER BY id LIMIT 1', orgOf('otherPartnerAdmin').id)),
    },
    mdfEditable: {
      foreignFor: (attacker) => (orgOf(attacker).id === orgOf('otherPartnerAdmin').id ? [] : one("SELECT id, title AS marker FROM mdf_requests WHERE org_id = ? AND status = 'returned' ORDER BY id LIMIT 1", orgOf('otherPartnerAdmin').id)),
    },
    mdfClaim: {
      foreignFor: (attacker) => (orgOf(attacker).id === orgOf('otherPartnerAdmin').id ? [] : one('SELECT id, NULL AS marker FROM mdf_claims WHERE org_id = ? ORDER BY id LIMIT 1', orgOf('otherPartnerAdmin').id)),
    },
    mdfClaimFile: {
      foreignFor: (attacker) => (orgOf(attacker).id === orgOf('otherPartnerAdmin').id ? [] : one('SELECT f.id, NULL AS marker FROM mdf_claim_files f JOIN mdf_claims c ON c.id = f.claim_id WHERE c.org_id = ? ORDER BY c.id LIMIT 1', orgOf('otherPartnerAdmin').id)),
    },
    // a fund's page is the vendor's
    mdfFund: { foreignFor: () => one('SELECT id, name AS marker FROM mdf_funds ORDER BY period_start LIMIT 1') },
    // PT Maju Jaya's paid claim: its remittance advice is theirs and the vendor's
    mdfPaidClaim: { foreignFor: (attacker) => one("SELECT id, NULL AS marker FROM mdf_claims WHERE status = 'paid' AND org_id <> ? ORDER BY id LIMIT 1", orgOf(attacker).id) },
    // a fund in which the attacker's organisation has no money: its statement is someone else's business
    mdfStatement: { foreignFor: (attacker) => one('SELECT f.id, NULL AS marker FROM mdf_funds f WHERE NOT EXISTS (SELECT 1 FROM mdf_ledger l WHERE l.fund_id = f.id AND l.org_id = ?) AND EXISTS (SELECT 1 FROM mdf_ledger l WHERE l.fund_id = f.id AND l.org_id = ?) ORDER BY f.period_start LIMIT 1', orgOf(attacker).id, orgOf('otherPartnerAdmin').id) },
    // another partner, another supplier and the vendor: every organisation but the attacker's own
    organisation: {
      foreignFor: (attacker) => {
        const own = orgOf(attacker)
        return (['partner', 'supplier', 'vendor'] as const).flatMap((kind) => one('SELECT id, name AS marker FROM organisations WHERE kind = ? AND id <> ? ORDER BY name LIMIT 1', kind, own.id))
      },
    },
  }
}

describe('route walker over the production build', () => {
  it('finds the build current with the source routes', async () => {
    const inBuild = Object.keys(manifest).filter((id) => id.startsWith('routes/')).sort()
    const inSource = sourceRouteIds()
    const notBuilt = inSource.filter((id) => !inBuild.includes(id))
    const removed = inBuild.filter((id) => !inSource.includes(id))
    expect({ notBuilt, removed }, 'build/ is older than app/routes: run `npx remix vite:build`').toEqual({ notBuilt: [], removed: [] })
  })

  it('every route: classified, refuses other organisations with 404, keeps partners out of vendor pages', async () => {
    const secrets = [
      ...(server.db.prepare('SELECT name FROM accounts ORDER BY name LIMIT 3').all() as { name: string }[]).map((r) => r.name),
      ...(server.db.prepare("SELECT email FROM contacts WHERE email IS NOT NULL ORDER BY email LIMIT 3").all() as { email: string }[]).map((r) => r.email),
      'CV Sinar Digital',
      'PT Logistik Andalan Prima',
    ]
    const findings = await walkRoutes({
      manifest,
      policy: ROUTE_POLICY,
      attackers: ATTACKERS,
      member: 'partnerUser',
      sources: sources(),
      secrets,
      dataVersion: server.dataVersion,
      probe: async ({ method, path, as, form }) => {
        const res = await server.request(path, { method, as: as ? sessions[as] : null, form })
        if (process.env.WALKER_DEBUG) console.log(`${as ?? 'anonymous'} ${method} ${path} → ${res.status} ${res.location ?? ''}`)
        return res
      },
    })
    expect(findings.map((f) => `${f.routeId}: ${f.problem}`).join('\n')).toBe('')
    // the walk reached every route of the manifest
    expect(Object.keys(manifest).length).toBeGreaterThanOrEqual(Object.keys(ROUTE_POLICY).length)
  })
})
