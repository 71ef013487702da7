// Module measure of MDF: the ledger under approvals. In process, against the run's database, through the app's
// own service (decideRequest: the immediate transaction that reads the balance and writes the commitment, the
// request's status, the audit row, notifications and the calendar event). 10,000 submitted requests of one partner
// are all approved "at once" (every call started before any is awaited); the allocation covers 7,000 of them, so
// 3,000 must be refused. Reported: approvals per second, ledger entries per second, and whether the balances are
// exact afterwards (committed = 7,000 × the amount, available = 0, the ledger reconciles).
import Database from 'better-sqlite3'
import { newId } from '../../app/utils/ids'
import type { MeasureContext, ModuleMeasure, ResultRow } from '../lib/types'

const AMOUNT = 1_000_000

async function run(ctx: MeasureContext): Promise<ResultRow[]> {
  const total = ctx.quick ? 1_000 : 10_000
  const covered = Math.floor(total * 0.7)
  const raw = new Database(ctx.dbFile)
  raw.pragma('busy_timeout = 5000')
  const manager = raw.prepare(`SELECT u.id, u.email, u.name, m.org_id AS orgId, o.name AS orgName FROM users u JOIN memberships m ON m.user_id = u.id JOIN organisations o ON o.id = m.org_id WHERE m.role = 'partner_manager' ORDER BY u.email LIMIT 1`).get() as { id: string; email: string; name: string; orgId: string; orgName: string }
  const partner = raw.prepare(`SELECT o.id, (SELECT m.user_id FROM memberships m WHERE m.org_id = o.id LIMIT 1) AS userId FROM organisations o WHERE o.kind = 'partner' AND o.status = 'active' AND EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = o.id) ORDER BY o.name LIMIT 1`).get() as { id: string; userId: string }
  const { createFund, allocate, decideRequest, balancesOf, reconcileLedger } = await import('../../app/modules/mdf/mdf.server')
  const actor = { userId: manager.id, email: manager.email, name: manager.name, locale: 'en' as const, timeZone: 'Asia/Jakarta', orgId: manager.orgId, orgKind: 'vendor' as const, orgName: manager.orgName, role: 'partner_manager' as const, sessionId: 'bench' }
  const year = new Date().getUTCFullYear() + 1
  const fund = await createFund(actor, { name: `Ledger bench ${year}`, periodType: 'year', year, part: 1, currency: 'IDR', budgetMinor: covered * AMOUNT, maxSharePct: 50, claimDeadlineDays: 60, accrualBps: null, tierAmounts: null })
  await allocate(actor, fund, partner.id, covered * AMOUNT)
  // the requests themselves are set-up, not the measure: written in one statement loop
  const now = Date.now()
  let number = (raw.prepare('SELECT coalesce(max(number), 0) AS n FROM mdf_requests').get() as { n: number }).n
  const insert = raw.prepare(`INSERT INTO mdf_requests (id, number, fund_id, org_id, created_by, status, activity_type, title, description, starts_on, ends_on, currency, cost_minor, requested_minor, submitted_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'submitted', 'webinar', ?, 'bench', ?, ?, 'IDR', ?, ?, ?, ?, ?)`)
  const ids: string[] = []
  raw.transaction(() => {
    for (let i = 0; i < total; i++) {
      const id = newId()
      ids.push(id)
      insert.run(id, ++number, fund, partner.id, partner.userId, `Ledger bench ${i}`, `${year}-02-01`, `${year}-02-01`, AMOUNT * 2, AMOUNT, now, now, now)
    }
  })()
  const entriesBefore = (raw.prepare('SELECT count(*) AS n FROM mdf_ledger').get() as { n: number }).n
  ctx.log(`mdf ledger: approving ${total} requests of one partner, ${covered} covered`)
  const started = performance.now()
  const outcomes = await Promise.allSettled(ids.map((id) => decideRequest(actor, id, { event: 'approve' })))
  const seconds = (performance.now() - started) / 1000
  const approved = outcomes.filter((o) => o.status === 'fulfilled').length
  const refused = outcomes.filter((o) => o.status === 'rejected' && (o.reason as { messageKey?: string }).messageKey === 'mdf.errors.overAvailableManager').length
  const entries = (raw.prepare('SELECT count(*) AS n FROM mdf_ledger').get() as { n: number }).n - entriesBefore
  const b = balancesOf(fund, partner.id)
  const problems = reconcileLedger().filter((p) => p.fundId === fund)
  const exact = approved === covered && refused === total - covered && b.committed === covered * AMOUNT && b.available === 0 && problems.length === 0
  raw.close()
  const group = `MDF ledger: ${total.toLocaleString('en-US')} concurrent approvals through the service`
  return [
    { group, measure: 'approvals decided per second (approved + refused)', unit: 'req/s', app: total / seconds, baseline: null },
    { group, measure: 'ledger entries written per second', unit: 'req/s', app: entries / seconds, baseline: null },
    { group, measure: `approved / refused (allocation covers ${covered.toLocaleString('en-US')})`, unit: 'rows', app: approved, baseline: refused, ratio: null },
    { group, measure: 'balances exact afterwards (committed, available 0, ledger reconciles)', unit: '%', app: exact ? 100 : 0, baseline: null, target: '100 %', met: exact, note: exact ? undefined : `committed ${b.committed}, available ${b.available}, problems ${problems.length}` },
  ]
}

const measure: ModuleMeasure = { name: 'mdf-ledger', requiresTable: 'mdf_ledger', run }
export default measure
