// Concurrent MDF approvals against a running production server: two partner managers (the admin
// holds the same right) approve requests of one partner at the same moment. Together they ask for
// more than the partner has available; the immediate transactions must let exactly as many through
// as the balance covers and refuse the rest with words, never overcommitting.
import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type Session, type TestServer } from './support/server'

let server: TestServer
let partner: Session
let manager: Session
let admin: Session
const WEBHOOK_SECRET = 'whsec_concurrency_suite_secret'

beforeAll(async () => {
  server = await startServer('mdf-concurrency', { STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET })
  partner = await server.signIn('admin@majujaya.test')
  manager = await server.signIn('manager@mitra.test')
  admin = await server.signIn('admin@mitra.test')
})

afterAll(async () => {
  await server?.stop()
})

type Balances = { allocated: number; committed: number }
function balances(fundId: string, orgId: string): Balances {
  const rows = server.db.prepare('SELECT kind, sum(amount_minor) AS total FROM mdf_ledger WHERE fund_id = ? AND org_id = ? GROUP BY kind').all(fundId, orgId) as { kind: string; total: number }[]
  const s = Object.fromEntries(rows.map((r) => [r.kind, r.total]))
  return { allocated: (s.allocate ?? 0) + (s.accrue ?? 0) - (s.expire ?? 0), committed: (s.commit ?? 0) - (s.release ?? 0) }
}

describe('MDF approvals under concurrency (running server)', () => {
  it('never commits more than the allocation, whoever clicks first', { timeout: 120_000 }, async () => {
    const org = server.db.prepare("SELECT o.id FROM organisations o WHERE o.name = 'PT Maju Jaya Solusi'").get() as { id: string }
    // this quarter's fund (seed-mdf.ts): the one still open
    const fund = server.db.prepare('SELECT id, period_start AS start, period_end AS end FROM mdf_funds WHERE expired_at IS NULL AND currency = ? ORDER BY period_start DESC LIMIT 1').get('IDR') as { id: string; start: string; end: string }
    const start = balances(fund.id, org.id)
    const available = start.allocated - start.committed
    const each = 40_000_000
    // more requests than the balance covers: each fits on its own, together they do not
    const count = Math.floor(available / each) + 3
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10)
    const day = today > fund.end ? fund.end : today < fund.start ? fund.start : today
    const ids: string[] = []
    for (let i = 0; i < count; i++) {
      const res = await server.request('/mdf/requests/new', { as: partner, form: { intent: 'submit', fundId: fund.id, activityType: 'webinar', title: `Race ${i}`, description: 'concurrency probe', startsOn: day, endsOn: day, expectedLeads: '1', expectedPipeline: '', cost: String(each * 2), requested: String(each) } })
      expect(res.status, res.body.slice(0, 300)).toBe(302)
      ids.push(res.location!.split('/').pop()!)
    }
    // every approval at once, alternating between the two approvers
    const results = await Promise.all(ids.map((id, i) => server.request(`/mdf/requests/${id}`, { as: i % 2 ? admin : manager, form: { intent: 'approve', amount: '' } })))
    const approved = results.filter((r) => r.status === 302)
    const refused = results.filter((r) => r.status === 400)
    expect(approved.length + refused.length, results.map((r) => r.status).join(',')).toBe(count)
    expect(approved).toHaveLength(Math.floor(available / each))
    // the refusal says why, in the approver's language (the seeded staff read Indonesian)
    expect(refused[0].body).toMatch(/hanya memiliki|only has|has only/)
    const end = balances(fund.id, org.id)
    expect(end.committed).toBe(start.committed + approved.length * each)
    expect(end.committed).toBeLessThanOrEqual(end.allocated)
    // each approved request holds exactly one commitment
    const commits = server.db.prepare(`SELECT request_id, count(*) AS n FROM mdf_ledger WHERE kind = 'commit' AND request_id IN (${ids.map(() => '?').join(',')}) GROUP BY request_id`).all(...ids) as { n: number }[]
    expect(commits.every((c) => c.n === 1)).toBe(true)
    expect(commits).toHaveLength(approved.length)
  })

  it('the webhook endpoint refuses a forged signature and accepts a signed one once', async () => {
    const payload = JSON.stringify({ id: 'evt_http_1', object: 'event', type: 'customer.created', data: { object: { id: 'cus_1', object: 'customer' } } })
    const forged = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_not_ours' })
    const post = (header: string) => fetch(`${server.origin}/webhooks/stripe`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header }, body: payload })
    expect((await post(forged)).status).toBe(400)
    const good = Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET })
    const first = await post(good)
    expect(first.status).toBe(200)
    expect(await (await post(good)).json()).toMatchObject({ result: 'duplicate' })
    expect((server.db.prepare("SELECT count(*) AS n FROM mdf_stripe_events WHERE id = 'evt_http_1'").get() as { n: number }).n).toBe(1)
  })
})
