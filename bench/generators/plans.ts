// The business plan the bench opens: the whale partner's plan for the dataset's year, with the
// four measured objectives (their live actuals read the whale's opportunities and registrations).
import { newId } from '../../app/utils/ids'
import type { GeneratorContext, GeneratorStep } from '../lib/types'

function generatePlans(ctx: GeneratorContext) {
  const { db, now } = ctx
  const whale = ctx.shared.partnerIdsByRank![0]!
  const manager = db.prepare(`SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.role = 'partner_manager' ORDER BY u.email LIMIT 1`).get() as { id: string }
  const year = new Date(now + 7 * 3_600_000).getUTCFullYear()
  const id = newId()
  db.prepare(`INSERT INTO business_plans (id, partner_org_id, year, title, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(id, whale, year, `Joint business plan ${year}`, manager.id, now, now)
  const objective = db.prepare(`INSERT INTO plan_objectives (id, plan_id, measure, title, q1, q2, q3, q4, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  objective.run(newId(), id, 'revenue_won', 'Partner-sourced revenue', 5_000_000_000, 6_000_000_000, 7_000_000_000, 8_000_000_000, now)
  objective.run(newId(), id, 'pipeline_created', 'New pipeline', 20_000_000_000, 20_000_000_000, 25_000_000_000, 25_000_000_000, now + 1)
  objective.run(newId(), id, 'registrations_approved', 'Registrations approved', 20, 25, 30, 30, now + 2)
  objective.run(newId(), id, 'people_certified', 'Certified engineers', 5, 5, 10, 10, now + 3)
  ctx.fixtures.whalePlan = id
  ctx.log(`plan ${id} for the whale partner`)
}

const plansStep: GeneratorStep = { name: 'plans', order: 10, requiresTable: 'business_plans', generate: generatePlans }
export default plansStep
