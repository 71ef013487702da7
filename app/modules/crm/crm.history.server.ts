import { describeChanges, type FieldCatalog } from '../../kit/field-changes'
import { defineHistory, type HistoryRenderer, type Sentence } from '../../kit/history.server'
import { formatCalendarDate } from '../../utils/dates'
import { translate } from '../../utils/i18n'
import { formatMoney } from '../../utils/money'
import type { Actor } from '../auth/actor'
import { getAccount } from './accounts.server'
import { getContact } from './contacts.server'
import { getLead } from './leads.server'
import { getOpportunity, stageNames } from './opportunities.server'

type Entry = Parameters<HistoryRenderer<unknown>['sentence']>[0]

function catalogFor(entity: 'account' | 'contact' | 'lead' | 'opportunity', reader: Actor, currency: string): FieldCatalog {
  const text: FieldCatalog = {}
  switch (entity) {
    case 'account':
      return { ...text, name: { label: 'fields.companyName' }, domain: { label: 'fields.website' }, npwp: { label: 'fields.npwp' }, industry: { label: 'fields.industry' }, address: { label: 'fields.address' }, city: { label: 'fields.city' }, region: { label: 'fields.region' }, phone: { label: 'fields.phone' } }
    case 'contact':
      return { firstName: { label: 'fields.firstName' }, lastName: { label: 'fields.lastName' }, title: { label: 'fields.jobTitle' }, email: { label: 'fields.email' }, phone: { label: 'fields.phone' } }
    case 'lead':
      return { company: { label: 'fields.companyName' }, contactName: { label: 'fields.contactName' }, email: { label: 'fields.email' }, phone: { label: 'fields.phone' }, status: { label: 'fields.status' }, score: { label: 'fields.score' } }
    case 'opportunity':
      return {
        name: { label: 'fields.opportunityName' },
        amountMinor: { label: 'fields.amount', format: (v) => (typeof v === 'number' ? formatMoney(v, currency, reader.locale) : String(v)) },
        currency: { label: 'fields.currency' },
        expectedCloseDate: { label: 'fields.expectedClose', format: (v) => formatCalendarDate(String(v), reader.locale) },
      }
  }
}

function crmSentence(entity: 'account' | 'contact' | 'lead' | 'opportunity', entry: Entry, reader: Actor, currency = 'IDR'): Sentence | null {
  const label = (key: Parameters<typeof translate>[1]) => translate(reader.locale, key)
  switch (entry.action) {
    case 'created': {
      const from = (entry.after as { fromRegistration?: string } | null)?.fromRegistration
      return { key: from ? 'history.crm.createdFromRegistration' : 'history.crm.created' }
    }
    case 'updated': {
      const details = describeChanges(catalogFor(entity, reader, currency), entry.before, entry.after, label)
      const stageChange = stageLine(entry, reader)
      return { key: 'history.crm.updated', details: stageChange ? [...details, stageChange] : details }
    }
    case 'stage_changed': {
      const line = stageLine(entry, reader)
      return { key: 'history.crm.stageChanged', params: line?.params ?? { from: '—', to: '—' } }
    }
    case 'activity_added': {
      const after = entry.after as { kind?: string; subject?: string } | null
      return { key: 'history.crm.activity', params: { subject: after?.subject ?? '' } }
    }
    default:
      return null
  }
}

function stageLine(entry: Entry, reader: Actor) {
  const from = (entry.before as { stageId?: string } | null)?.stageId
  const to = (entry.after as { stageId?: string } | null)?.stageId
  if (!to || from === to) return null
  const names = stageNames([from, to].filter((x): x is string => !!x), reader.locale)
  return { key: 'history.fieldChange' as const, params: { field: translate(reader.locale, 'fields.stage'), from: (from && names.get(from)) || '—', to: names.get(to) ?? '—' } }
}

// Core CRM records belong to the vendor: their history is read by those who may read the CRM (404 for others).
function crmHistory(entity: 'account' | 'contact' | 'lead', find: (actor: Actor, id: string) => Promise<unknown>) {
  return defineHistory({
    async subject(actor, id) {
      await find(actor, id)
      return { ownerOrgId: null }
    },
    sentence: (entry, reader) => crmSentence(entity, entry, reader),
  })
}
export const accountHistory = crmHistory('account', getAccount)
export const contactHistory = crmHistory('contact', getContact)
export const leadHistory = crmHistory('lead', getLead)
export const opportunityHistory = defineHistory({
  async subject(actor, id) {
    const o = await getOpportunity(actor, id)
    return { ownerOrgId: null, currency: o.opportunity.currency }
  },
  sentence: (entry, reader, subject) => crmSentence('opportunity', entry, reader, subject.currency),
})
