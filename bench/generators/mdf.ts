// Market development funds at scale: one fund for the dataset's quarter, an allocation for every partner, and
// requests in every state with their ledger entries (commitments, approved and paid claims), the whale partner
// holding the most. The MDF page of the whale partner and the manager's MDF page (with its queue) read these.
import { newId } from '../../app/utils/ids'
import type { GeneratorContext, GeneratorStep } from '../lib/types'

const ACTIVITIES = ['event', 'webinar', 'digital_campaign', 'trade_show', 'print', 'training', 'other'] as const

function generateMdf(ctx: GeneratorContext) {
  const { db, now, rng } = ctx
  const partners = ctx.shared.partnerIdsByRank!
  const manager = db.prepare(`SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.role = 'partner_manager' ORDER BY u.email LIMIT 1`).get() as { id: string }
  const today = new Date(now + 7 * 3_600_000).toISOString().slice(0, 10)
  const year = Number(today.slice(0, 4))
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1
  const start = new Date(Date.UTC(year, (quarter - 1) * 3, 1)).toISOString().slice(0, 10)
  const end = new Date(Date.UTC(year, quarter * 3, 0)).toISOString().slice(0, 10)
  const fundId = newId()
  const perPartner = 300_000_000
  db.prepare(`INSERT INTO mdf_funds (id, name, period_type, period_start, period_end, currency, budget_minor, max_share_pct, claim_deadline_days, created_by, created_at, updated_at) VALUES (?, ?, 'quarter', ?, ?, 'IDR', ?, 50, 60, ?, ?, ?)`).run(
    fundId,
    `MDF Q${quarter} ${year} (bench)`,
    start,
    end,
    partners.length * perPartner * 2,
    manager.id,
    now,
    now,
  )
  const allocation = db.prepare(`INSERT INTO mdf_allocations (id, fund_id, org_id, basis, created_at, updated_at) VALUES (?, ?, ?, 'manual', ?, ?)`)
  const ledger = db.prepare(`INSERT INTO mdf_ledger (id, fund_id, org_id, kind, amount_minor, currency, request_id, claim_id, actor_id, created_at) VALUES (?, ?, ?, ?, ?, 'IDR', ?, ?, ?, ?)`)
  const request = db.prepare(
    `INSERT INTO mdf_requests (id, number, fund_id, org_id, created_by, status, activity_type, title, description, starts_on, ends_on, expected_leads, expected_pipeline_minor, currency, cost_minor, requested_minor, approved_minor, submitted_at, claim_due_on, decided_by, decided_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'IDR', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const claim = db.prepare(
    `INSERT INTO mdf_claims (id, request_id, fund_id, org_id, created_by, status, currency, actual_cost_minor, claimed_minor, approved_minor, leads, attendees, pipeline_minor, submitted_at, payout_method, payout_reference, paid_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'IDR', ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)`,
  )
  let number = (db.prepare('SELECT coalesce(max(number), 0) AS n FROM mdf_requests').get() as { n: number }).n
  let requests = 0
  let whaleRequests = 0
  partners.forEach((orgId, rank) => {
    const allocated = rank === 0 ? perPartner * 4 : perPartner
    allocation.run(newId(), fundId, orgId, now, now)
    ledger.run(newId(), fundId, orgId, 'allocate', allocated, null, null, manager.id, now)
    const users = ctx.shared.partnerUserIds!.get(orgId) ?? []
    if (!users.length) return
    // Zipf-like: the whale files hundreds, the median partner a handful
    const count = rank === 0 ? 400 : Math.max(1, Math.round(40 / (rank + 1) + rng() * 4))
    let committed = 0
    for (let i = 0; i < count; i++) {
      const id = newId()
      const cost = (10 + Math.floor(rng() * 90)) * 1_000_000
      const asked = Math.floor(cost / 2)
      const at = now - Math.floor(rng() * 80) * 86_400_000
      const roll = rng()
      const fits = committed + asked <= allocated
      const status = roll < 0.55 && fits ? 'approved' : roll < 0.75 ? 'submitted' : roll < 0.85 ? 'draft' : roll < 0.95 ? 'rejected' : 'withdrawn'
      const day = start
      request.run(id, ++number, fundId, orgId, users[i % users.length], status, ACTIVITIES[i % ACTIVITIES.length], `Activity ${number}`, 'Generated for the benchmark', day, day, 10, 100_000_000, cost, asked, status === 'approved' ? asked : null, status === 'draft' ? null : at, status === 'approved' ? end : null, status === 'approved' || status === 'rejected' ? manager.id : null, status === 'approved' || status === 'rejected' ? at : null, at, at)
      requests++
      if (rank === 0) whaleRequests++
      if (status !== 'approved') continue
      committed += asked
      ledger.run(newId(), fundId, orgId, 'commit', asked, id, null, manager.id, at)
      const c = rng()
      if (c < 0.5) continue
      const claimId = newId()
      const claimStatus = c < 0.65 ? 'submitted' : c < 0.8 ? 'approved' : 'paid'
      claim.run(claimId, id, fundId, orgId, users[0], claimStatus, cost, asked, claimStatus === 'submitted' ? null : asked, 12, 80, at + 86_400_000, claimStatus === 'paid' ? 'manual' : null, claimStatus === 'paid' ? `TRF-${number}` : null, claimStatus === 'paid' ? at + 3 * 86_400_000 : null, at, at)
      if (claimStatus !== 'submitted') ledger.run(newId(), fundId, orgId, 'approve_claim', asked, id, claimId, manager.id, at + 2 * 86_400_000)
      if (claimStatus === 'paid') ledger.run(newId(), fundId, orgId, 'pay', asked, id, claimId, manager.id, at + 3 * 86_400_000)
    }
  })
  // the fund's sums per kind, as writeEntry keeps them (a database migrated before 0020 has no such table)
  if (db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'mdf_fund_totals'`).get()) {
    db.prepare(`INSERT INTO mdf_fund_totals (fund_id, kind, total_minor) SELECT fund_id, kind, sum(amount_minor) FROM mdf_ledger WHERE fund_id = ? GROUP BY fund_id, kind ON CONFLICT (fund_id, kind) DO UPDATE SET total_minor = excluded.total_minor`).run(fundId)
  }
  ctx.fixtures.mdfFund = fundId
  ctx.fixtures.mdfWhaleRequests = whaleRequests
  ctx.log(`mdf: 1 fund, ${partners.length} allocations, ${requests} requests (whale ${whaleRequests})`)
}

const mdfStep: GeneratorStep = { name: 'mdf', order: 20, requiresTable: 'mdf_funds', generate: generateMdf }
export default mdfStep
