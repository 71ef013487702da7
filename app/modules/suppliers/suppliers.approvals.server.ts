// What the supplier portal has waiting for a procurement decision, for the one approval queue
// (app/kit/approvals.ts). Decision buttons post `intent` (and `reason`) to each record's page.
import { defineApprovalSource, type ApprovalSource } from '../../kit/approvals'
import { translate } from '../../utils/i18n'
import { formatNpwp } from '../orgs/orgs.schema'
import { organisationNames } from '../orgs/orgs.server'
import { pendingApplicationCount, pendingApplications } from './applications.server'
import { listCatalogVersions } from './catalogs.server'
import { pendingDocumentCount, pendingDocuments } from './documents.server'
import { pendingChangeCount, pendingChanges } from './profiles.server'

const applications = defineApprovalSource({
  kind: 'supplier_application',
  label: 'suppliers.queue.application',
  needs: 'approve:supplier_application',
  async pending(actor, { limit }) {
    return (await pendingApplications(actor, limit)).map((a) => ({
      kind: 'supplier_application',
      id: a.id,
      href: `/suppliers/applications/${a.id}`,
      title: a.legalName,
      orgId: '',
      orgName: a.legalName,
      waitingSince: a.submittedAt,
      amount: null,
      facts: [`NPWP ${formatNpwp(a.npwp)}`, a.categories.join(', ')],
      actions: [
        { intent: 'approve', label: 'suppliers.applications.approve', tone: 'primary' },
        { intent: 'reject', label: 'suppliers.applications.reject', tone: 'danger', needsReason: true },
      ],
    }))
  },
  count: (actor) => pendingApplicationCount(actor),
})

const catalogVersions = defineApprovalSource({
  kind: 'catalog_version',
  label: 'suppliers.queue.catalog',
  needs: 'approve:catalog',
  async pending(actor, { orgId, limit }) {
    const page = await listCatalogVersions(actor, { status: 'submitted', orgId, pageSize: limit, sort: 'age', dir: 'asc' })
    return page.rows.map((v) => ({
      kind: 'catalog_version',
      id: v.id,
      href: `/suppliers/catalogs/${v.id}`,
      title: translate(actor.locale, 'suppliers.catalog.version', { number: v.number }),
      orgId: v.orgId,
      orgName: v.supplierName,
      waitingSince: v.submittedAt ?? v.createdAt,
      amount: null,
      facts: [translate(actor.locale, 'suppliers.queue.catalogFacts', { new: v.newCount, up: v.priceUpCount, down: v.priceDownCount, deactivated: v.deactivatedCount })],
      actions: [
        { intent: 'approve', label: 'suppliers.catalog.approve', tone: 'primary' },
        { intent: 'reject', label: 'suppliers.catalog.reject', tone: 'danger', needsReason: true },
      ],
    }))
  },
  async count(actor, options) {
    return (await listCatalogVersions(actor, { status: 'submitted', orgId: options?.orgId, pageSize: 1 })).total
  },
})

const changes = defineApprovalSource({
  kind: 'supplier_change',
  label: 'suppliers.queue.change',
  needs: 'approve:supplier_change',
  async pending(actor, { orgId, limit }) {
    const rows = (await pendingChanges(actor, limit * 2)).filter((c) => !orgId || c.orgId === orgId).slice(0, limit)
    const names = organisationNames(rows.map((r) => r.orgId))
    return rows.map((c) => ({
      kind: 'supplier_change',
      id: c.id,
      href: `/suppliers/changes/${c.id}`,
      title: names.get(c.orgId)?.name ?? '',
      orgId: c.orgId,
      orgName: names.get(c.orgId)?.name ?? '',
      waitingSince: c.createdAt,
      amount: null,
      facts: Object.keys(c.changes).map((f) => translate(actor.locale, `suppliers.change.field.${f}` as 'suppliers.change.field.legalName')),
      actions: [
        { intent: 'approve', label: 'suppliers.changes.approve', tone: 'primary' },
        { intent: 'reject', label: 'suppliers.changes.reject', tone: 'danger', needsReason: true },
      ],
    }))
  },
  count: (actor) => pendingChangeCount(actor),
})

const documents = defineApprovalSource({
  kind: 'supplier_document',
  label: 'suppliers.queue.document',
  needs: 'approve:supplier_document',
  async pending(actor, { orgId, limit }) {
    return (await pendingDocuments(actor, limit * 2))
      .filter((d) => !orgId || d.orgId === orgId)
      .slice(0, limit)
      .map((d) => ({
        kind: 'supplier_document',
        id: d.id,
        href: `/suppliers/documents/${d.id}`,
        title: d.typeName,
        orgId: d.orgId,
        orgName: d.orgName,
        waitingSince: d.createdAt,
        amount: null,
        facts: d.expiresOn ? [translate(actor.locale, 'suppliers.docs.dueSoon', { date: d.expiresOn })] : [],
        actions: [
          { intent: 'accept', label: 'suppliers.docs.accept', tone: 'primary' },
          { intent: 'reject', label: 'suppliers.docs.reject', tone: 'danger', needsReason: true },
        ],
      }))
  },
  count: (actor) => pendingDocumentCount(actor),
})

export const supplierApprovalSources: ApprovalSource[] = [applications, catalogVersions, changes, documents]
