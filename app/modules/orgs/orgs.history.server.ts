import { describeChanges } from '../../kit/field-changes'
import { defineHistory } from '../../kit/history.server'
import { translate } from '../../utils/i18n'
import { assertCan } from '../auth/actor'
import { organisationForHistory } from './orgs.server'

/** An organisation's record history: read by those who may manage organisations. */
export const organisationHistory = defineHistory({
  async subject(actor, id) {
    assertCan(actor, 'manage:organisation')
    return { ownerOrgId: organisationForHistory(actor, id).orgId }
  },
  sentence(entry, reader) {
    const label = (key: Parameters<typeof translate>[1]) => translate(reader.locale, key)
    if (entry.action === 'created') return { key: 'history.crm.created' }
    if (entry.action !== 'updated') return null
    const details = describeChanges(
      { name: { label: 'fields.name' }, legalName: { label: 'fields.legalName' }, npwp: { label: 'fields.npwp' }, website: { label: 'fields.website' }, city: { label: 'fields.city' }, region: { label: 'fields.region' }, country: { label: 'fields.country' }, tier: { label: 'fields.tier' }, status: { label: 'fields.status' } },
      entry.before,
      entry.after,
      label,
    )
    return { key: 'history.crm.updated', details }
  },
})
