// What a partner's pages carry, byte for byte: the page and its loader data are as visible as each
// other, so neither may tell a partner how many conflicts the check found, whether it flagged one,
// or with whom (another partner's name). The seed makes the case: CV Sinar Digital registered a
// customer that PT Maju Jaya Solusi already holds approved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { en } from '../../app/locales/en'
import { id as indonesian } from '../../app/locales/id'
import { startServer, type Session, type TestServer } from './support/server'

let server: TestServer
let partner: Session
let manager: Session
let dealId: string

const DEAL_DATA = encodeURIComponent('routes/_app.deals.$dealId._index')

beforeAll(async () => {
  server = await startServer('redaction')
  partner = await server.signIn('admin@sinardigital.test')
  manager = await server.signIn('manager@mitra.test')
  const row = server.db
    .prepare(`SELECT r.id FROM deal_registrations r JOIN organisations o ON o.id = r.partner_org_id WHERE o.name = 'CV Sinar Digital' AND r.conflict_count > 0 ORDER BY r.created_at LIMIT 1`)
    .get() as { id: string } | undefined
  if (!row) throw new Error('the seed no longer makes a conflicting registration for CV Sinar Digital')
  dealId = row.id
})

afterAll(async () => {
  await server?.stop()
})

/** Everything in a response that hints at the number of conflicts, a flag, or the other partner. */
function leaks(body: string): string[] {
  const found: string[] = []
  if (/conflictCount"?\s*:\s*[1-9]/.test(body) || /conflict_?count\W+[1-9]/i.test(body)) found.push('conflict count')
  if (/flaggedConflict"?\s*:\s*true/.test(body)) found.push('conflict flag')
  if (/Maju Jaya/i.test(body)) found.push('another partner’s name')
  for (const key of ['history.deal.conflicts', 'history.deal.conflictsFlagged'] as const) {
    for (const text of [en[key], indonesian[key]]) {
      const fixed = text.split('{count}')[0]
      if (fixed && body.includes(fixed)) found.push(`the sentence “${fixed}…”`)
    }
  }
  return found
}

describe('a partner reading their own registration', () => {
  it('the loader data carries no conflict count, flag or other partner, only “under review”', async () => {
    const res = await server.request(`/deals/${dealId}?_data=${DEAL_DATA}`, { as: partner })
    expect(res.status).toBe(200)
    expect(leaks(res.body)).toEqual([])
    const data = JSON.parse(res.body) as { underReview: boolean; conflicts: unknown[]; history: { text: string }[] }
    expect(data.underReview).toBe(true)
    expect(data.conflicts).toEqual([])
    expect(data.history.length).toBeGreaterThan(0)
  })

  it('the page says “possible conflict — under review” and nothing more', async () => {
    const res = await server.request(`/deals/${dealId}`, { as: partner })
    expect(res.status).toBe(200)
    expect(leaks(res.body)).toEqual([])
    expect(res.body).toContain(indonesian['deals.conflictUnderReview'])
  })

  it('the list of registrations does not carry the counts either', async () => {
    const res = await server.request(`/deals?_data=${encodeURIComponent('routes/_app.deals._index')}`, { as: partner })
    expect(res.status).toBe(200)
    expect(leaks(res.body)).toEqual([])
  })

  it('the vendor still sees the evidence (so the redaction is the partner’s alone)', async () => {
    const res = await server.request(`/deals/${dealId}?_data=${DEAL_DATA}`, { as: manager })
    expect(res.status).toBe(200)
    expect(leaks(res.body)).toContain('conflict count')
    expect(leaks(res.body)).toContain('another partner’s name')
  })
})

describe('a partner reading its own MDF request', () => {
  const MDF_DATA = encodeURIComponent('routes/_app.mdf.requests.$requestId')
  let requestId: string
  let claimId: string
  let staffIds: string[]
  let majuJaya: Session
  let finance: Session

  beforeAll(async () => {
    majuJaya = await server.signIn('admin@majujaya.test')
    finance = await server.signIn('admin@mitra.test')
    const row = server.db
      .prepare(`SELECT c.request_id AS requestId, c.id AS claimId FROM mdf_claims c JOIN organisations o ON o.id = c.org_id WHERE o.name = 'PT Maju Jaya Solusi' AND c.status = 'paid' AND c.paid_by IS NOT NULL AND c.decided_by IS NOT NULL LIMIT 1`)
      .get() as { requestId: string; claimId: string } | undefined
    if (!row) throw new Error('the seed no longer has a paid MDF claim for PT Maju Jaya Solusi')
    ;({ requestId, claimId } = row)
    staffIds = (server.db.prepare(`SELECT id FROM users WHERE email IN ('manager@mitra.test', 'admin@mitra.test')`).all() as { id: string }[]).map((u) => u.id)
    expect(staffIds).toHaveLength(2)
  })

  it('carries no vendor staff ids and no bookkeeping, only names and what the page shows', async () => {
    const res = await server.request(`/mdf/requests/${requestId}?_data=${MDF_DATA}`, { as: majuJaya })
    expect(res.status).toBe(200)
    for (const id of staffIds) expect(res.body).not.toContain(id)
    for (const field of ['decidedBy"', 'paidBy', 'createdBy"', 'reminderSent', 'payoutAttempts', 'uploadedBy']) expect(res.body).not.toContain(field)
    const data = JSON.parse(res.body) as { claim: { status: string; decidedByName: string | null; payoutReference: string } }
    expect(data.claim.status).toBe('paid')
    expect(data.claim.decidedByName).toBeTruthy()
    expect(data.claim.payoutReference).toBe('BCA-TRF-20260118-0042')
  })

  it('a failed payment: the partner is told it failed, finance alone reads the provider’s reason', async () => {
    const reason = 'No such destination: acct_1SecretInternalDetail'
    server.db.prepare(`UPDATE mdf_claims SET status = 'approved', paid_at = NULL, payout_error = ? WHERE id = ?`).run(reason, claimId)
    const asPartner = await server.request(`/mdf/requests/${requestId}?_data=${MDF_DATA}`, { as: majuJaya })
    expect(asPartner.status).toBe(200)
    expect(asPartner.body).not.toContain('acct_1Secret')
    expect(JSON.parse(asPartner.body).claim).toMatchObject({ payoutFailed: true, payoutError: null })
    const page = await server.request(`/mdf/requests/${requestId}`, { as: majuJaya })
    expect(page.body).not.toContain('acct_1Secret')
    expect([en['mdf.payout.failedPartner'], indonesian['mdf.payout.failedPartner']].some((text) => page.body.includes(text))).toBe(true)
    const asFinance = await server.request(`/mdf/requests/${requestId}`, { as: finance })
    expect(asFinance.body).toContain('acct_1SecretInternalDetail')
  })
})
