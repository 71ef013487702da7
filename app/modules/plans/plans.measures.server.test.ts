import { describe, expect, it } from 'vitest'
import { makeActor } from '../../../tests/factories'
import { certifiedPeople } from '../training/training.server'
import { MEASURE_PROVIDERS } from './plans.measures.server'

describe('plan measures', () => {
  it('reads "people certified" from the training records, not a placeholder', async () => {
    const partner = await makeActor({ role: 'partner_user' })
    const provider = MEASURE_PROVIDERS.people_certified
    expect(provider).not.toBeNull()
    const now = Date.now()
    expect(await provider!(partner.orgId, now - 90 * 86_400_000, now)).toBe(await certifiedPeople(partner.orgId, now))
  })
})
