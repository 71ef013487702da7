// The bare baseline: node:http + better-sqlite3, no framework, no React, no ORM. For each measured page it runs
// the same SQL the app's loaders end up running (the statements drizzle generates for vendorDashboard,
// organisationHome, listAccounts + accountFilterOptions and getAccount360, the deal-registration counts and lists
// the same pages show, plus the session check and the unread count of the layout), once each, and renders a plain
// HTML template. Responses are compressed like the app's
// `compression()` middleware does: brotli (quality 4) when accepted, else gzip, else none; bodies under 1 KiB
// are sent as they are. The app's figures divided by these are the ratios in the report.
//
//   PORT=4000 DATABASE_URL=bench/.data/run/S.db node --import tsx bench/baseline-server.ts
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import zlib from 'node:zlib'
import Database from 'better-sqlite3'

const PORT = Number(process.env.PORT ?? 4000)
const HOST = process.env.HOST ?? '127.0.0.1'
const DB_FILE = (process.env.DATABASE_URL ?? './data/mitra.db').replace(/^file:/, '')
const CONTENT_DIR = process.env.MITRA_CONTENT_DIR ?? 'content'
const COMPRESSION_THRESHOLD = 1024
const SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000
const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000
const TOUCH_INTERVAL_MS = 60 * 60 * 1000
const PAGE_SIZE = 25

// the same pragmas as app/utils/db.server.ts
const db = new Database(DB_FILE)
db.pragma('journal_mode = WAL')
db.pragma('synchronous = NORMAL')
db.pragma('foreign_keys = ON')
db.pragma('busy_timeout = 5000')

type Row = Record<string, unknown>
type Actor = { userId: string; name: string; locale: string; orgId: string; orgKind: string; orgName: string; role: string }

// ---- SQL, as drizzle renders it for the app's service functions ---------------------------------------------------
const q = {
  ping: db.prepare('SELECT 1'),
  session: db.prepare(`select "id", "secret_hash", "user_id", "created_at", "last_seen_at", "ip", "user_agent" from "sessions" where "sessions"."id" = ?`),
  touchSession: db.prepare(`update "sessions" set "last_seen_at" = ? where "sessions"."id" = ?`),
  actor: db.prepare(`select "users"."id" as userId, "users"."email", "users"."name", "users"."locale", "users"."time_zone", "users"."status", "organisations"."id" as orgId, "organisations"."kind" as orgKind, "organisations"."name" as orgName, "organisations"."status" as orgStatus, "memberships"."role" from "users" inner join "memberships" on "memberships"."user_id" = "users"."id" inner join "organisations" on "organisations"."id" = "memberships"."org_id" where "users"."id" = ?`),
  unread: db.prepare(`select count(*) as n from "notifications" where ("notifications"."recipient_id" = ? and "notifications"."read_at" is null)`),
  // vendorDashboard
  orgCounts: db.prepare(`select "kind", count(*) as n from "organisations" where "organisations"."status" = ? group by "organisations"."kind"`),
  defaultPipeline: db.prepare(`select "id", "name", "is_default", "created_at" from "pipelines" order by "pipelines"."is_default" DESC, "pipelines"."name" asc`),
  // the maintained totals the app reads (0005, 0017), as the app does: a few rows, not a SUM or a scan
  byStage: db.prepare(`select "pipeline_stages"."id", "pipeline_stages"."name", "pipeline_stages"."position", "pipeline_stages"."is_closed", coalesce("opportunity_stage_totals"."n", 0) as n, "opportunity_stage_totals"."amount_minor" as amount from "pipeline_stages" left join "opportunity_stage_totals" on ("opportunity_stage_totals"."stage_id" = "pipeline_stages"."id" and "opportunity_stage_totals"."currency" = ?) where "pipeline_stages"."pipeline_id" = ? order by "pipeline_stages"."position" asc`),
  openPipeline: db.prepare(`select coalesce(sum("opportunity_stage_totals"."n"), 0) as n, sum("opportunity_stage_totals"."amount_minor") as amount from "opportunity_stage_totals" inner join "pipeline_stages" on "pipeline_stages"."id" = "opportunity_stage_totals"."stage_id" where ("pipeline_stages"."is_closed" = ? and "opportunity_stage_totals"."currency" = ?)`),
  leadBands: db.prepare(`select "band", "n" from "lead_band_counts" where "n" > 0`),
  // organisationHome
  org: db.prepare(`select "id", "kind", "name", "legal_name", "npwp", "country", "region", "city", "website", "status", "tier", "created_at", "updated_at" from "organisations" where "organisations"."id" = ?`),
  members: db.prepare(`select count(*) as n from "memberships" where "memberships"."org_id" = ?`),
  partnerOpportunities: db.prepare(`select count(*) as n, sum("amount_minor") as amount from "opportunities" where ("opportunities"."partner_org_id" = ? and "opportunities"."currency" = ?)`),
  // accountFilterOptions
  regions: db.prepare(`select distinct "region" as v from "accounts" where "accounts"."region" IS NOT NULL order by "accounts"."region" asc limit ?`),
  industries: db.prepare(`select distinct "industry" as v from "accounts" where "accounts"."industry" IS NOT NULL order by "accounts"."industry" asc limit ?`),
  // getAccount360
  account: db.prepare(`select "id", "name", "normalized_name", "domain", "npwp", "industry", "address", "city", "region", "phone", "owner_id", "created_at", "updated_at" from "accounts" where "accounts"."id" = ?`),
  ownerName: db.prepare(`select "name" from "users" where "users"."id" = ?`),
  contacts: db.prepare(`select "id", "account_id", "first_name", "last_name", "email", "phone", "title", "owner_id", "created_at", "updated_at" from "contacts" where "contacts"."account_id" = ? order by "contacts"."first_name" asc`),
  opportunities: db.prepare(`select "opportunities"."id", "opportunities"."name", "opportunities"."amount_minor", "opportunities"."currency", "opportunities"."expected_close_date", "opportunities"."source", "pipeline_stages"."name" as stage_name, "pipeline_stages"."probability", "pipeline_stages"."is_closed", "pipeline_stages"."is_won", "organisations"."name" as partner_name from "opportunities" inner join "pipeline_stages" on "pipeline_stages"."id" = "opportunities"."stage_id" left join "organisations" on "organisations"."id" = "opportunities"."partner_org_id" where "opportunities"."account_id" = ? order by "opportunities"."updated_at" desc`),
  leads: db.prepare(`select "id", "company", "contact_name", "email", "phone", "source", "status", "score", "account_id", "owner_id", "created_at", "updated_at" from "leads" where "leads"."account_id" = ? order by "leads"."updated_at" desc`),
  activities: db.prepare(`select "activities"."id", "activities"."kind", "activities"."subject", "activities"."body", "activities"."entity_type", "activities"."created_at", "users"."name" as author_name from "activities" left join "users" on "users"."id" = "activities"."author_id" where "activities"."account_id" = ? order by "activities"."created_at" desc limit ?`),
  history: db.prepare(`select "audit_log"."id", "audit_log"."action", "audit_log"."at", "audit_log"."before", "audit_log"."after", "users"."name" as actor_name from "audit_log" left join "users" on "users"."id" = "audit_log"."actor_id" where ("audit_log"."entity_type" = ? and "audit_log"."entity_id" = ?) order by "audit_log"."at" desc limit ?`),
}

// deal registration's additions to the same pages (pendingApprovalCount, openRegistrationCount,
// registrationsForAccount), when the schema has them
const hasDeals = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'deal_registrations'`).get() !== undefined
const dealQ = hasDeals
  ? {
      pendingApprovals: db.prepare(`select count(*) as n from "deal_registrations" where "deal_registrations"."status" = ?`),
      openRegistrations: db.prepare(`select count(*) as n from "deal_registrations" where ("deal_registrations"."partner_org_id" = ? and "deal_registrations"."status" in (?, ?, ?, ?))`),
      matchedRegistrations: db.prepare(`select "registration_id" from "deal_conflicts" where ("deal_conflicts"."match_type" = ? and "deal_conflicts"."match_id" = ?)`),
      // getDeal + historyFor (the deal page, as the partner manager reads a submitted registration with conflicts)
      registration: db.prepare(`select "id", "partner_org_id", "submitted_by", "status", "customer_name", "customer_website", "customer_domain", "customer_npwp", "customer_city", "customer_region", "contact_name", "contact_email", "contact_phone", "products", "value_minor", "currency", "expected_close_date", "competitors", "notes", "rules_accepted_at", "submitted_at", "submission_count", "decided_at", "decided_by", "rejection_reason", "protected_until", "extensions_used", "reminder_sent", "conflict_count", "flagged_conflict", "account_id", "opportunity_id", "created_at", "updated_at" from "deal_registrations" where "deal_registrations"."id" = ?`),
      conflicts: db.prepare(`select "id", "registration_id", "match_type", "match_id", "match_label", "score", "reasons", "created_at" from "deal_conflicts" where "deal_conflicts"."registration_id" = ? order by "deal_conflicts"."score" desc`),
      ownMatches: db.prepare(`select "id" from "deal_registrations" where ("deal_registrations"."id" in (?) and "deal_registrations"."partner_org_id" = ?)`),
      messages: db.prepare(`select "id", "registration_id", "author_id", "kind", "body", "created_at" from "deal_messages" where "deal_messages"."registration_id" = ? order by "deal_messages"."created_at" asc`),
      extensions: db.prepare(`select "id", "registration_id", "requested_by", "justification", "status", "decided_by", "decided_at", "decline_reason", "created_at" from "deal_extensions" where "deal_extensions"."registration_id" = ? order by "deal_extensions"."created_at" desc`),
      rules: db.prepare(`select "id", "protection_days", "extension_days", "max_extensions", "auto_flag_approved_match", "rules_text_id", "rules_text_en", "updated_at", "updated_by" from "deal_rules" where "deal_rules"."id" = ?`),
      auditRows: db.prepare(`select "id", "actor_id", "actor_org_id", "entity_type", "entity_id", "action", "before", "after", "at", "request_id" from "audit_log" where ("audit_log"."entity_type" = ? and "audit_log"."entity_id" = ?) order by "audit_log"."at" desc limit ?`),
      userNames: db.prepare(`select "id", "name" from "users" where "users"."id" in (SELECT value FROM json_each(?))`),
      orgNames: db.prepare(`select "id", "name", "tier" from "organisations" where "organisations"."id" in (SELECT value FROM json_each(?))`),
      registrationsOfAccount: db.prepare(`select "deal_registrations"."id", "deal_registrations"."customer_name", "deal_registrations"."status", "organisations"."name" as partner_name, "deal_registrations"."value_minor", "deal_registrations"."currency", "deal_registrations"."protected_until" from "deal_registrations" inner join "organisations" on "organisations"."id" = "deal_registrations"."partner_org_id" where "deal_registrations"."account_id" = ? order by "deal_registrations"."created_at" desc limit ?`),
    }
  : null
const APPROVER_ROLES = new Set(['admin', 'partner_manager'])

// listAccounts builds its WHERE and ORDER BY from the URL; one prepared statement per shape, as drizzle's SQL
const ACCOUNT_SORT_COLUMNS: Record<string, string> = { name: '"accounts"."name"', city: '"accounts"."city"', region: '"accounts"."region"', updatedAt: '"accounts"."updated_at"' }
const listStatements = new Map<string, { rows: Database.Statement; total: Database.Statement }>()
function listStatement(region: boolean, industry: boolean, sort: string, dir: 'asc' | 'desc') {
  const key = `${region}|${industry}|${sort}|${dir}`
  let stmts = listStatements.get(key)
  if (!stmts) {
    const conditions = [region ? `"accounts"."region" = ?` : null, industry ? `"accounts"."industry" = ?` : null].filter(Boolean)
    const where = conditions.length === 0 ? '' : conditions.length === 1 ? ` where ${conditions[0]}` : ` where (${conditions.join(' and ')})`
    stmts = {
      rows: db.prepare(`select "accounts"."id", "accounts"."name", "accounts"."domain", "accounts"."city", "accounts"."region", "accounts"."industry", "accounts"."updated_at", "users"."name" as owner_name from "accounts" left join "users" on "users"."id" = "accounts"."owner_id"${where} order by ${ACCOUNT_SORT_COLUMNS[sort]} ${dir}, "accounts"."id" asc limit ? offset ?`),
      total: db.prepare(`select count(*) as n from "accounts"${where}`),
    }
    listStatements.set(key, stmts)
  }
  return stmts
}

// ---- sessions: the same checks as app/modules/auth/session.server.ts ----------------------------------------------
function actorFor(req: http.IncomingMessage): Actor | null {
  const cookie = req.headers.cookie
  if (!cookie) return null
  let token: string | undefined
  for (const part of cookie.split(';')) {
    const at = part.indexOf('=')
    if (at > 0 && part.slice(0, at).trim() === 'mitra_session') token = decodeURIComponent(part.slice(at + 1).trim())
  }
  if (!token) return null
  const [id, secret, extra] = token.split('.')
  if (!id || !secret || extra !== undefined) return null
  const session = q.session.get(id) as { secret_hash: string; user_id: string; created_at: number; last_seen_at: number } | undefined
  if (!session) return null
  const given = Buffer.from(crypto.createHash('sha256').update(secret).digest('hex'))
  const stored = Buffer.from(session.secret_hash)
  if (given.length !== stored.length || !crypto.timingSafeEqual(given, stored)) return null
  const now = Date.now()
  if (now - session.last_seen_at >= SESSION_IDLE_MS || now - session.created_at >= SESSION_ABSOLUTE_MS) return null
  if (now - session.last_seen_at >= TOUCH_INTERVAL_MS) q.touchSession.run(now, id)
  const row = q.actor.get(session.user_id) as (Actor & { status: string; orgStatus: string }) | undefined
  if (!row || row.status !== 'active' || row.orgStatus === 'inactive') return null
  return row
}

// the manager's console (issue 16): the approval queue, a plan with live actuals, the pipeline report, and what the
// vendor dashboard gained (needs attention today, this quarter against plans), when the schema has them
const hasConsole = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'business_plans'`).get() !== undefined
const consoleQ = hasConsole
  ? {
      submitted: db.prepare(`select * from "deal_registrations" where "deal_registrations"."status" = ? order by "deal_registrations"."submitted_at" asc limit ?`),
      submittedCount: db.prepare(`select count(*) as n from "deal_registrations" where "deal_registrations"."status" = ?`),
      extensions: db.prepare(`select * from "deal_extensions" inner join "deal_registrations" on "deal_registrations"."id" = "deal_extensions"."registration_id" where "deal_extensions"."status" = ? order by "deal_extensions"."created_at" asc limit ?`),
      extensionsCount: db.prepare(`select count(*) as n from "deal_extensions" inner join "deal_registrations" on "deal_registrations"."id" = "deal_extensions"."registration_id" where "deal_extensions"."status" = ?`),
      rules: db.prepare(`select * from "deal_rules" where "deal_rules"."id" = ?`),
      slas: db.prepare(`select "kind", "hours", "updated_at", "updated_by" from "approval_slas"`),
      orgNames: db.prepare(`select "id", "name", "tier" from "organisations" where "organisations"."id" in (select value from json_each(?))`),
      orgList: db.prepare(`select * from "organisations" order by "organisations"."kind" asc, "organisations"."name" asc limit ? offset ?`),
      orgCount: db.prepare(`select count(*) as n from "organisations"`),
      expiring: db.prepare(`select "id", "customer_name", "partner_org_id", "protected_until" from "deal_registrations" where ("deal_registrations"."status" = ? and "deal_registrations"."protected_until" >= ? and "deal_registrations"."protected_until" < ?) order by "deal_registrations"."protected_until" asc limit ?`),
      expiringCount: db.prepare(`select count(*) as n from "deal_registrations" where ("deal_registrations"."status" = ? and "deal_registrations"."protected_until" >= ? and "deal_registrations"."protected_until" < ?)`),
      plansOfYear: db.prepare(`select * from "business_plans" where "business_plans"."year" = ?`),
      objectivesOf: db.prepare(`select * from "plan_objectives" where "plan_objectives"."plan_id" in (select value from json_each(?))`),
      plan: db.prepare(`select * from "business_plans" where "business_plans"."id" = ?`),
      objectives: db.prepare(`select * from "plan_objectives" where "plan_objectives"."plan_id" = ? order by "plan_objectives"."created_at" asc, "plan_objectives"."id" asc`),
      initiatives: db.prepare(`select * from "plan_initiatives" where "plan_initiatives"."plan_id" = ? order by "plan_initiatives"."start_date" asc, "plan_initiatives"."id" asc`),
      comments: db.prepare(`select * from "plan_comments" where "plan_comments"."plan_id" = ? order by "plan_comments"."created_at" asc`),
      reviews: db.prepare(`select * from "plan_reviews" where "plan_reviews"."plan_id" = ? order by "plan_reviews"."held_on" desc`),
      versions: db.prepare(`select * from "plan_versions" where "plan_versions"."plan_id" = ? order by "plan_versions"."version" desc`),
      userNames: db.prepare(`select "id", "name" from "users" where "users"."id" in (select value from json_each(?))`),
      revenueWon: db.prepare(`select sum("opportunities"."amount_minor") as amount from "opportunities" inner join "pipeline_stages" on "pipeline_stages"."id" = "opportunities"."stage_id" where ("opportunities"."partner_org_id" = ? and "opportunities"."closed_at" >= ? and "opportunities"."closed_at" < ? and "pipeline_stages"."is_won" = ? and "opportunities"."currency" = ?)`),
      pipelineCreated: db.prepare(`select sum("opportunities"."amount_minor") as amount from "opportunities" where ("opportunities"."partner_org_id" = ? and "opportunities"."created_at" >= ? and "opportunities"."created_at" < ? and "opportunities"."currency" = ?)`),
      registrationsApproved: db.prepare(`select count(*) as n from "deal_registrations" where ("deal_registrations"."partner_org_id" = ? and "deal_registrations"."status" in (?, ?, ?) and "deal_registrations"."decided_at" >= ? and "deal_registrations"."decided_at" < ?)`),
      pipelines: db.prepare(`select * from "pipelines" order by "pipelines"."is_default" desc, "pipelines"."name" asc`),
      stages: db.prepare(`select * from "pipeline_stages" order by "pipeline_stages"."position" asc`),
      sideTotals: db.prepare(`select "stage_id", "partner_key" <> '' as partner, sum("n") as n, sum("amount_minor") as amount_minor, sum("cycle_ms") as cycle_ms from "opportunity_partner_totals" where "opportunity_partner_totals"."currency" = ? group by "opportunity_partner_totals"."stage_id", 2`),
      partnerOutcomes: db.prepare(`select "partner_key", coalesce(sum(CASE WHEN "pipeline_stages"."is_closed" = 0 THEN "opportunity_partner_totals"."amount_minor" ELSE 0 END), 0) as open_amount, coalesce(sum(CASE WHEN "pipeline_stages"."is_won" = 1 THEN "opportunity_partner_totals"."amount_minor" ELSE 0 END), 0) as won_amount, coalesce(sum(CASE WHEN "pipeline_stages"."is_won" = 1 THEN "opportunity_partner_totals"."n" ELSE 0 END), 0) as won_n, coalesce(sum(CASE WHEN "pipeline_stages"."is_closed" = 1 AND "pipeline_stages"."is_won" = 0 THEN "opportunity_partner_totals"."n" ELSE 0 END), 0) as lost_n from "opportunity_partner_totals" inner join "pipeline_stages" on "pipeline_stages"."id" = "opportunity_partner_totals"."stage_id" where ("opportunity_partner_totals"."currency" = ? and "opportunity_partner_totals"."partner_key" <> '') group by "opportunity_partner_totals"."partner_key"`),
      profiles: db.prepare(`select "id", "name", "tier", "region" from "organisations" where "organisations"."id" in (select value from json_each(?))`),
      monthTotals: db.prepare(`select "month", "partner_key" <> '' as partner, sum("n") as n, sum("amount_minor") as amount_minor from "opportunity_month_totals" where ("opportunity_month_totals"."currency" = ? and "opportunity_month_totals"."month" >= ? and "opportunity_month_totals"."month" <= ?) group by "opportunity_month_totals"."month", 2`),
      partnerRegions: db.prepare(`select distinct "region" from "organisations" where ("organisations"."kind" = ? and "organisations"."region" is not null) order by "organisations"."region" asc`),
    }
  : null
const JAKARTA = 7 * 3_600_000
const quarterBounds = (year: number, quarter: number) => ({ from: Date.UTC(year, (quarter - 1) * 3, 1) - JAKARTA, to: Date.UTC(year, quarter * 3, 1) - JAKARTA })

/** The queue's rows, oldest first, and what the dashboard needs from it. */
function approvalRows() {
  const c = consoleQ!
  const regs = c.submitted.all('submitted', 200) as Row[]
  const exts = c.extensions.all('pending', 200) as Row[]
  const waiting = (c.submittedCount.get('submitted') as { n: number }).n + (c.extensionsCount.get('pending') as { n: number }).n
  c.rules.get('current')
  const slas = new Map((c.slas.all() as { kind: string; hours: number }[]).map((r) => [r.kind, r.hours]))
  const names = new Map((c.orgNames.all(JSON.stringify([...regs, ...exts].map((r) => r.partner_org_id))) as { id: string; name: string }[]).map((o) => [o.id, o.name]))
  const now = Date.now()
  const rows = [
    ...regs.map((r) => ({ title: String(r.customer_name), org: names.get(String(r.partner_org_id)) ?? '', since: Number(r.submitted_at ?? r.created_at), sla: slas.get('deal_registration') ?? 48, href: `/deals/${r.id}`, value: r.value_minor })),
    ...exts.map((r) => ({ title: String(r.customer_name), org: names.get(String(r.partner_org_id)) ?? '', since: Number(r.created_at), sla: slas.get('deal_extension') ?? 48, href: `/deals/${r.registration_id}`, value: r.value_minor })),
  ]
    .map((r) => ({ ...r, overdue: now > r.since + r.sla * 3_600_000 }))
    .sort((a, b) => a.since - b.since)
  return { rows, waiting }
}

function approvalsPage(): { title: string; body: string } {
  const { rows, waiting } = approvalRows()
  consoleQ!.orgList.all(200, 0)
  consoleQ!.orgCount.get()
  const items = rows.map((r) => `<li class="${r.overdue ? 'overdue' : ''}"><a href="${esc(r.href)}">${esc(r.title)}</a> · ${esc(r.org)} · ${money(r.value, 'IDR')} · ${date(r.since)}<form method="post" action="${esc(r.href)}?index"><button name="intent" value="approve">Approve</button></form><form method="post" action="${esc(r.href)}?index"><input name="reason"><button name="intent" value="reject">Reject</button></form></li>`).join('')
  return { title: 'Approval queue', body: `<p>${waiting} waiting</p><ul>${items}</ul>` }
}

// the MDF pages (issue 12): the same reads as listFunds, mdfBalancesFor, mdfQueueCounts and listRequests
const hasMdf = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'mdf_funds'`).get() !== undefined
const mdfQ = hasMdf
  ? {
      funds: db.prepare(`select * from "mdf_funds" order by "mdf_funds"."period_start" desc, "mdf_funds"."name" asc`),
      fundsOf: db.prepare(`select "mdf_funds".* from "mdf_funds" inner join "mdf_allocations" on ("mdf_allocations"."fund_id" = "mdf_funds"."id" and "mdf_allocations"."org_id" = ?) order by "mdf_funds"."period_start" desc`),
      fundSums: db.prepare(`select "kind", "total_minor" as total from "mdf_fund_totals" where "mdf_fund_totals"."fund_id" = ?`),
      orgFundSums: db.prepare(`select "kind", sum("amount_minor") as total from "mdf_ledger" where ("mdf_ledger"."fund_id" = ? and "mdf_ledger"."org_id" = ?) group by "mdf_ledger"."kind"`),
      allocationCount: db.prepare(`select count(*) as n from "mdf_allocations" where "mdf_allocations"."fund_id" = ?`),
      pendingRequests: db.prepare(`select count(*) as n from "mdf_requests" where "mdf_requests"."status" = 'submitted'`),
      pendingClaims: db.prepare(`select count(*) as n from "mdf_claims" where "mdf_claims"."status" = 'submitted'`),
      page: db.prepare(`select * from "mdf_requests" order by "mdf_requests"."created_at" desc, "mdf_requests"."number" desc limit ? offset ?`),
      pageOf: db.prepare(`select * from "mdf_requests" where "mdf_requests"."org_id" = ? order by "mdf_requests"."created_at" desc, "mdf_requests"."number" desc limit ? offset ?`),
      count: db.prepare(`select count(*) as n from "mdf_requests"`),
      countOf: db.prepare(`select count(*) as n from "mdf_requests" where "mdf_requests"."org_id" = ?`),
      claimsOf: db.prepare(`select "request_id", "status" from "mdf_claims" where "mdf_claims"."request_id" in (select value from json_each(?))`),
      orgNames: db.prepare(`select "id", "name", "tier" from "organisations" where "organisations"."id" in (select value from json_each(?))`),
    }
  : null

function mdfBalances(rows: { kind: string; total: number }[]) {
  const s = Object.fromEntries(rows.map((r) => [r.kind, Number(r.total)]))
  const allocated = (s.allocate ?? 0) + (s.accrue ?? 0) - (s.expire ?? 0)
  const committed = (s.commit ?? 0) - (s.release ?? 0)
  return { allocated, committed, claimed: s.approve_claim ?? 0, paid: (s.pay ?? 0) - (s.reverse ?? 0), available: allocated - committed }
}

function mdfPage(actor: Actor): { title: string; body: string } {
  const m = mdfQ!
  const vendor = actor.orgKind === 'vendor'
  const funds = (vendor ? m.funds.all() : m.fundsOf.all(actor.orgId)) as Row[]
  const fundRows = funds.map((f) => {
    const b = mdfBalances((vendor ? m.fundSums.all(f.id) : m.orgFundSums.all(f.id, actor.orgId)) as { kind: string; total: number }[])
    const partners = vendor ? (m.allocationCount.get(f.id) as { n: number }).n : 1
    return `<tr><td>${esc(f.name)}</td><td>${esc(f.period_start)} – ${esc(f.period_end)}</td><td>${money(b.allocated, String(f.currency))}</td><td>${money(b.committed, String(f.currency))}</td><td>${money(b.paid, String(f.currency))}</td><td>${money(b.available, String(f.currency))}</td><td>${partners}</td></tr>`
  })
  const queue = vendor ? `<p>${(m.pendingRequests.get() as { n: number }).n} requests, ${(m.pendingClaims.get() as { n: number }).n} claims waiting</p>` : ''
  const rows = (vendor ? m.page.all(PAGE_SIZE, 0) : m.pageOf.all(actor.orgId, PAGE_SIZE, 0)) as Row[]
  const total = (vendor ? m.count.get() : m.countOf.get(actor.orgId)) as { n: number }
  const names = new Map((m.orgNames.all(JSON.stringify(rows.map((r) => r.org_id))) as { id: string; name: string }[]).map((o) => [o.id, o.name]))
  const claims = new Map((m.claimsOf.all(JSON.stringify(rows.map((r) => r.id))) as { request_id: string; status: string }[]).map((c) => [c.request_id, c.status]))
  const list = rows.map((r) => `<tr><td><a href="/mdf/requests/${esc(r.id)}">MDF-${String(r.number).padStart(4, '0')}</a></td><td>${esc(r.title)}</td><td>${esc(names.get(String(r.org_id)) ?? '')}</td><td>${esc(r.status)}</td><td>${esc(claims.get(String(r.id)) ?? '—')}</td><td>${esc(r.starts_on)} – ${esc(r.ends_on)}</td><td>${money(Number(r.requested_minor), String(r.currency))}</td></tr>`)
  return { title: 'Market development funds', body: `${queue}<table>${fundRows.join('')}</table><p>${total.n} requests</p><table>${list.join('')}</table>` }
}

function actual(measure: string, orgId: string, from: number, to: number): number | null {
  const c = consoleQ!
  if (measure === 'revenue_won') return Number((c.revenueWon.get(orgId, from, to, 1, 'IDR') as { amount: number | null }).amount ?? 0)
  if (measure === 'pipeline_created') return Number((c.pipelineCreated.get(orgId, from, to, 'IDR') as { amount: number | null }).amount ?? 0)
  if (measure === 'registrations_approved') return (c.registrationsApproved.get(orgId, 'approved', 'converted', 'expired', from, to) as { n: number }).n
  return null
}

function planPage(id: string): { title: string; body: string } | null {
  const c = consoleQ!
  const plan = c.plan.get(id) as Row | undefined
  if (!plan) return null
  const objectives = c.objectives.all(id) as Row[]
  c.objectives.all(id) // the snapshot reads them again, as the app does
  const initiatives = c.initiatives.all(id) as Row[]
  c.initiatives.all(id)
  const comments = c.comments.all(id) as Row[]
  const reviews = c.reviews.all(id) as Row[]
  const versions = c.versions.all(id) as Row[]
  c.userNames.all(JSON.stringify([plan.vendor_signed_by, plan.partner_signed_by, ...comments.map((x) => x.author_id)]))
  c.orgNames.all(JSON.stringify([plan.partner_org_id]))
  const now = Date.now()
  const rows = objectives
    .map((o) => {
      const cells = [1, 2, 3, 4].map((q) => {
        const b = quarterBounds(Number(plan.year), q)
        const a = now < b.from ? 0 : actual(String(o.measure), String(plan.partner_org_id), b.from, Math.min(b.to, now + 1))
        return `<td>${a === null ? '—' : numberFormat.format(a)} / ${numberFormat.format(Number(o[`q${q}`]))}</td>`
      })
      return `<tr><td>${esc(o.title)}</td>${cells.join('')}</tr>`
    })
    .join('')
  const history = q.history.all('business_plan', id, 50) as Row[]
  return {
    title: String(plan.title),
    body: `<table>${rows}</table><ul>${initiatives.map((i) => `<li>${esc(i.title)} · ${esc(i.owner)}</li>`).join('')}</ul><ol>${comments.map((x) => `<li>${esc(x.body)}</li>`).join('')}</ol><ol>${reviews.map((x) => `<li>${esc(x.discussed)}</li>`).join('')}</ol><p>${versions.length} versions</p><ol>${history.map((h) => `<li>${esc(h.action)} ${date(h.at)}</li>`).join('')}</ol>`,
  }
}

function reportsPage(): { title: string; body: string } {
  const c = consoleQ!
  const pipelines = c.pipelines.all() as Row[]
  const stages = c.stages.all() as Row[]
  const pipeline = pipelines[0]
  const sides = c.sideTotals.all('IDR') as Row[]
  const partners = c.partnerOutcomes.all('IDR') as Row[]
  const profiles = new Map((c.profiles.all(JSON.stringify(partners.map((p) => p.partner_key))) as Row[]).map((o) => [o.id, o]))
  const d = new Date(Date.now() + JAKARTA)
  const months = c.monthTotals.all('IDR', new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 11, 1)).toISOString().slice(0, 7), d.toISOString().slice(0, 7)) as Row[]
  c.partnerRegions.all('partner')
  const funnel = stages
    .filter((s) => s.pipeline_id === pipeline?.id)
    .map((s) => {
      const amount = (partner: number) => Number(sides.find((r) => r.stage_id === s.id && Number(r.partner) === partner)?.amount_minor ?? 0)
      return `<tr><td>${esc(s.name)}</td><td><svg width="200" height="12"><rect width="${Math.min(200, amount(1) / 1e9)}" height="12"/></svg></td><td>${money(amount(1), 'IDR')}</td><td>${money(amount(0), 'IDR')}</td></tr>`
    })
    .join('')
  const regions = new Map<string, number>()
  for (const p of partners) {
    const region = String(profiles.get(p.partner_key)?.region ?? '')
    regions.set(region, (regions.get(region) ?? 0) + Number(p.open_amount) + Number(p.won_amount))
  }
  const top = [...partners].sort((a, b) => Number(b.open_amount) + Number(b.won_amount) - Number(a.open_amount) - Number(a.won_amount)).slice(0, 15)
  return {
    title: 'Pipeline reports',
    body: `<table>${funnel}</table><table>${top.map((p) => `<tr><td>${esc(profiles.get(p.partner_key)?.name)}</td><td>${money(p.open_amount, 'IDR')}</td><td>${money(p.won_amount, 'IDR')}</td></tr>`).join('')}</table><table>${[...regions].map(([r, v]) => `<tr><td>${esc(r)}</td><td>${money(v, 'IDR')}</td></tr>`).join('')}</table><table>${months.map((m) => `<tr><td>${esc(m.month)}</td><td>${money(m.amount_minor, 'IDR')}</td></tr>`).join('')}</table>`,
  }
}

/** What the vendor dashboard gained: overdue approvals, expiring registrations, this quarter against plans. */
function dashboardConsole(): string {
  const c = consoleQ!
  const { rows, waiting } = approvalRows()
  const now = Date.now()
  c.expiring.all('approved', now, now + 7 * 86_400_000, 5)
  c.expiringCount.get('approved', now, now + 7 * 86_400_000)
  const local = new Date(now + JAKARTA)
  const year = local.getUTCFullYear()
  const quarter = Math.floor(local.getUTCMonth() / 3) + 1
  const plans = c.plansOfYear.all(year) as Row[]
  const objectives = c.objectivesOf.all(JSON.stringify(plans.map((p) => p.id))) as Row[]
  const b = quarterBounds(year, quarter)
  let total = 0
  for (const measure of ['revenue_won', 'pipeline_created', 'registrations_approved']) {
    const partners = new Set(objectives.filter((o) => o.measure === measure).map((o) => plans.find((p) => p.id === o.plan_id)!.partner_org_id))
    for (const org of partners) total += actual(measure, String(org), b.from, Math.min(b.to, now + 1)) ?? 0
  }
  return `<section><h2>Needs attention today</h2><p>${rows.filter((r) => r.overdue).length} overdue of ${waiting}</p></section><section><h2>Q${quarter} ${year}</h2><p>${numberFormat.format(total)}</p></section>`
}

// ---- HTML -----------------------------------------------------------------------------------------------------------
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const esc = (v: unknown) => (v === null || v === undefined ? '—' : String(v).replace(/[&<>"']/g, (c) => ESCAPES[c]!))
const numberFormat = new Intl.NumberFormat('id-ID')
const money = (minor: unknown, currency: unknown) => `${esc(currency)} ${numberFormat.format(Number(minor ?? 0) / (currency === 'IDR' ? 1 : 100))}`
const dateFormat = new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeZone: 'Asia/Jakarta' })
const date = (ms: unknown) => (typeof ms === 'number' ? dateFormat.format(ms) : '—')

function layout(actor: Actor, unread: number, title: string, body: string): string {
  return `<!doctype html><html lang="${esc(actor.locale)}"><head><meta charset="utf-8"><title>${esc(title)} · Mitra</title><meta name="viewport" content="width=device-width, initial-scale=1"></head><body>
<header><a href="/">Mitra</a> <span>${esc(actor.orgName)}</span> <a href="/notifications">🔔 ${unread}</a> <a href="/profile">${esc(actor.name)}</a></header>
<nav><ul><li><a href="/">Home</a></li><li><a href="/accounts">Accounts</a></li><li><a href="/opportunities">Opportunities</a></li><li><a href="/organisations">Organisations</a></li></ul></nav>
<main><h1>${esc(title)}</h1>${body}</main></body></html>`
}

function vendorDashboardPage(actor: Actor): { title: string; body: string } {
  const orgCounts = q.orgCounts.all('active') as { kind: string; n: number }[]
  const pipeline = q.defaultPipeline.get() as { id: string; name: string } | undefined
  const byStage = pipeline ? (q.byStage.all('IDR', pipeline.id) as Row[]) : []
  const open = q.openPipeline.get(0, 'IDR') as { n: number; amount: number | null }
  const bands = Object.fromEntries((q.leadBands.all() as { band: string; n: number }[]).map((b) => [b.band, b.n]))
  const pending = dealQ && APPROVER_ROLES.has(actor.role) ? (dealQ.pendingApprovals.get('submitted') as { n: number }).n : 0
  const count = (kind: string) => orgCounts.find((o) => o.kind === kind)?.n ?? 0
  const max = Math.max(1, ...byStage.map((s) => Number(s.amount ?? 0)))
  const bars = byStage.map((s) => `<tr><td>${esc(s.name)}</td><td><svg width="200" height="12"><rect width="${Math.round((200 * Number(s.amount ?? 0)) / max)}" height="12"/></svg></td><td>${money(s.amount, 'IDR')} · ${numberFormat.format(Number(s.n))}</td></tr>`).join('')
  return {
    title: 'Dashboard',
    body: `<p><a href="/deals/approvals">Deal registrations waiting: ${pending}</a></p><dl><dt>Active partners</dt><dd>${count('partner')}</dd><dt>Active suppliers</dt><dd>${count('supplier')}</dd><dt>Open opportunities</dt><dd>${numberFormat.format(open.n)}</dd><dt>Open pipeline</dt><dd>${money(open.amount, 'IDR')}</dd></dl>
<section><h2>Pipeline by stage: <a href="/pipelines/${esc(pipeline?.id)}">${esc(pipeline?.name)}</a></h2><table>${bars}</table></section>
<section><h2>Leads</h2><dl>${['hot', 'warm', 'junk'].map((b) => `<dt><a href="/leads?band=${b}">${b}</a></dt><dd>${bands[b] ?? 0}</dd>`).join('')}</dl></section>`,
  }
}

function organisationHomePage(actor: Actor): { title: string; body: string } {
  const org = q.org.get(actor.orgId) as Row
  const members = (q.members.get(actor.orgId) as { n: number }).n
  const opps = actor.orgKind === 'partner' ? (q.partnerOpportunities.get(actor.orgId, 'IDR') as { n: number; amount: number | null }) : null
  const openDeals = dealQ && actor.orgKind === 'partner' ? (dealQ.openRegistrations.get(actor.orgId, 'draft', 'submitted', 'returned', 'approved') as { n: number }).n : 0
  // the app reads the terms file on every request; so does the baseline (the page cache makes it cheap)
  const file = path.resolve(CONTENT_DIR, 'terms', `${actor.orgKind}.${actor.locale}.md`)
  let terms = ''
  try {
    terms = fs.readFileSync(file, 'utf8')
  } catch {
    /* no terms for this audience: an empty section, as in the app */
  }
  const paragraphs = terms.split(/\n{2,}/).map((p) => (p.startsWith('#') ? `<h3>${esc(p.replace(/^#+\s*/, ''))}</h3>` : `<p>${esc(p)}</p>`)).join('')
  return {
    title: `Welcome, ${String(org.name)}`,
    body: `<p><a href="/deals">Open deal registrations: ${openDeals}</a></p><dl><dt>Members</dt><dd><a href="/organisations/${esc(org.id)}">${members}</a></dd>${opps ? `<dt>Partner pipeline (${numberFormat.format(opps.n)})</dt><dd>${money(opps.amount, 'IDR')}</dd>` : ''}</dl><section><h2>Programme terms</h2>${paragraphs}</section>`,
  }
}

function accountsPage(url: URL): { title: string; body: string } {
  const pageParam = Number(url.searchParams.get('page'))
  const page = Number.isInteger(pageParam) && pageParam >= 1 && pageParam <= 100_000 ? pageParam : 1
  const sortParam = url.searchParams.get('sort') ?? 'name'
  const sort = sortParam in ACCOUNT_SORT_COLUMNS ? sortParam : 'name'
  const dir = url.searchParams.get('dir') === 'desc' ? 'desc' : 'asc'
  const region = url.searchParams.get('region') || undefined
  const industry = url.searchParams.get('industry') || undefined
  const params = [region, industry].filter((v): v is string => v !== undefined)
  const stmts = listStatement(region !== undefined, industry !== undefined, sort, dir)
  const rows = stmts.rows.all(...params, PAGE_SIZE, (page - 1) * PAGE_SIZE) as Row[]
  const total = (stmts.total.get(...params) as { n: number }).n
  const regions = (q.regions.all(100) as { v: string }[]).map((r) => r.v)
  const industries = (q.industries.all(100) as { v: string }[]).map((r) => r.v)
  const options = (values: string[], selected: string | undefined) => values.map((v) => `<option${v === selected ? ' selected' : ''}>${esc(v)}</option>`).join('')
  const body = `<form><input name="q"><select name="region"><option value="">All regions</option>${options(regions, region)}</select><select name="industry"><option value="">All industries</option>${options(industries, industry)}</select><button>Search</button></form>
<table><thead><tr><th>Company</th><th>Website</th><th>City</th><th>Region</th><th>Owner</th><th>Updated</th></tr></thead><tbody>${rows
    .map((a) => `<tr><td><a href="/accounts/${esc(a.id)}">${esc(a.name)}</a></td><td>${esc(a.domain)}</td><td>${esc(a.city)}</td><td>${esc(a.region)}</td><td>${esc(a.owner_name)}</td><td>${date(a.updated_at)}</td></tr>`)
    .join('')}</tbody></table><p>Page ${page} of ${Math.max(1, Math.ceil(total / PAGE_SIZE))} (${numberFormat.format(total)})</p>`
  return { title: 'Accounts', body }
}

/** The deal page: the same statements getDeal and historyFor run (the registration is read twice, as the app does). */
function dealPage(id: string): { title: string; body: string } | null {
  const d = dealQ!
  const reg = d.registration.get(id) as Row | undefined
  if (!reg) return null
  d.registration.get(id)
  const partner = d.orgNames.all(JSON.stringify([reg.partner_org_id])) as Row[]
  const conflicts = d.conflicts.all(id) as Row[]
  const matchedRegs = conflicts.filter((c) => c.match_type === 'registration').map((c) => String(c.match_id))
  if (matchedRegs.length) db.prepare(`select "id" from "deal_registrations" where ("deal_registrations"."id" in (${matchedRegs.map(() => '?').join(', ')}) and "deal_registrations"."partner_org_id" = ?)`).all(...matchedRegs, reg.partner_org_id)
  const messages = d.messages.all(id) as Row[]
  const extensions = d.extensions.all(id) as Row[]
  const names = new Map((d.userNames.all(JSON.stringify([reg.submitted_by, ...messages.map((m) => m.author_id)])) as Row[]).map((u) => [u.id, u.name]))
  d.rules.get('default')
  const history = d.auditRows.all('deal_registration', id, 50) as Row[]
  d.userNames.all(JSON.stringify(history.map((h) => h.actor_id)))
  const list = (items: string[]) => (items.length ? `<ul>${items.join('')}</ul>` : '<p>None</p>')
  const body = `<dl><dt>Partner</dt><dd>${esc(partner[0]?.name)}</dd><dt>Status</dt><dd>${esc(reg.status)}</dd><dt>Value</dt><dd>${money(reg.value_minor, reg.currency)}</dd><dt>Contact</dt><dd>${esc(reg.contact_name)} · ${esc(reg.contact_email)}</dd><dt>Submitted by</dt><dd>${esc(names.get(reg.submitted_by))}</dd><dt>Products</dt><dd>${esc(reg.products)}</dd><dt>Notes</dt><dd>${esc(reg.notes)}</dd></dl>
<section><h2>Conflicts (${conflicts.length})</h2>${list(conflicts.map((c) => `<li>${esc(c.match_label)} ${esc(c.match_type)} ${esc(c.score)}% ${esc(c.reasons)}</li>`))}</section>
<section><h2>Messages</h2>${list(messages.map((m) => `<li>${esc(names.get(m.author_id))}: ${esc(m.body)} · ${date(m.created_at)}</li>`))}</section>
<section><h2>Extensions</h2>${list(extensions.map((x) => `<li>${esc(x.status)} ${esc(x.justification)}</li>`))}</section>
<section><h2>History</h2>${list(history.map((h) => `<li>${esc(h.action)} · ${date(h.at)}</li>`))}</section>`
  return { title: String(reg.customer_name), body }
}

function account360Page(id: string): { title: string; body: string } | null {
  const a = q.account.get(id) as Row | undefined
  if (!a) return null
  const owner = a.owner_id ? (q.ownerName.get(a.owner_id) as { name: string } | undefined) : undefined
  const contacts = q.contacts.all(id) as Row[]
  const opportunities = q.opportunities.all(id) as Row[]
  const leads = q.leads.all(id) as Row[]
  const activities = q.activities.all(id, 50) as Row[]
  const history = q.history.all('account', id, 30) as Row[]
  let registrations: Row[] = []
  if (dealQ) {
    // as registrationsForAccount: the matched ids are read first; with none, the registrations on the account
    const matched = dealQ.matchedRegistrations.all('account', id) as Row[]
    if (matched.length === 0) registrations = dealQ.registrationsOfAccount.all(id, 50) as Row[]
    else {
      const ids = JSON.stringify([...new Set(matched.map((m) => m.registration_id))])
      registrations = db
        .prepare(`select "deal_registrations"."id", "deal_registrations"."customer_name", "deal_registrations"."status", "organisations"."name" as partner_name, "deal_registrations"."value_minor", "deal_registrations"."currency", "deal_registrations"."protected_until" from "deal_registrations" inner join "organisations" on "organisations"."id" = "deal_registrations"."partner_org_id" where ("deal_registrations"."account_id" = ? or "deal_registrations"."id" in (select value from json_each(?))) order by "deal_registrations"."created_at" desc limit ?`)
        .all(id, ids, 50) as Row[]
    }
  }
  const list = (items: string[]) => (items.length ? `<ul>${items.join('')}</ul>` : '<p>None</p>')
  const body = `<dl><dt>Website</dt><dd>${esc(a.domain)}</dd><dt>NPWP</dt><dd>${esc(a.npwp)}</dd><dt>Phone</dt><dd>${esc(a.phone)}</dd><dt>Address</dt><dd>${esc(a.address)}</dd><dt>Owner</dt><dd>${esc(owner?.name)}</dd></dl>
<section><h2>Opportunities (${opportunities.length})</h2>${list(opportunities.map((o) => `<li><a href="/opportunities/${esc(o.id)}">${esc(o.name)}</a> <b>${esc(o.stage_name)}</b> ${money(o.amount_minor, o.currency)} · ${esc(o.expected_close_date)}${o.partner_name ? ` · via ${esc(o.partner_name)}` : ''}</li>`))}</section>
<section><h2>Contacts (${contacts.length})</h2>${list(contacts.map((c) => `<li><a href="/contacts/${esc(c.id)}">${esc(c.first_name)} ${esc(c.last_name)}</a> ${esc(c.title)} · ${esc(c.email)} · ${esc(c.phone)}</li>`))}</section>
<section><h2>Leads (${leads.length})</h2>${list(leads.map((l) => `<li><a href="/leads/${esc(l.id)}">${esc(l.contact_name)}</a> ${esc(l.score)} ${esc(l.status)}</li>`))}</section>
<section><h2>Activities</h2>${list(activities.map((x) => `<li><b>${esc(x.kind)}</b> ${esc(x.subject)}${x.body ? `<p>${esc(x.body)}</p>` : ''} ${esc(x.author_name)} · ${date(x.created_at)}</li>`))}</section>
<section><h2>Deal registrations (${registrations.length})</h2>${list(registrations.map((r) => `<li><a href="/deals/${esc(r.id)}">${esc(r.customer_name)}</a> ${esc(r.status)} · ${esc(r.partner_name)} · ${money(r.value_minor, r.currency)}</li>`))}</section>
<section><h2>History</h2>${list(history.map((h) => `<li>${esc(h.action)} ${esc(h.actor_name)} · ${date(h.at)}</li>`))}</section>`
  return { title: String(a.name), body }
}

// ---- HTTP -----------------------------------------------------------------------------------------------------------
function send(req: http.IncomingMessage, res: http.ServerResponse, status: number, type: string, body: string) {
  const raw = Buffer.from(body)
  res.setHeader('Content-Type', type)
  res.setHeader('Vary', 'Accept-Encoding')
  const accepts = String(req.headers['accept-encoding'] ?? '')
  const method = raw.length < COMPRESSION_THRESHOLD ? null : /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null
  const finish = (err: Error | null, out: Buffer) => {
    if (err) {
      res.statusCode = 500
      res.end()
      return
    }
    res.statusCode = status
    if (method) res.setHeader('Content-Encoding', method)
    res.setHeader('Content-Length', out.length)
    res.end(out)
  }
  if (method === 'br') zlib.brotliCompress(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }, finish)
  else if (method === 'gzip') zlib.gzip(raw, finish)
  else finish(null, raw)
}

const server = http.createServer((req, res) => {
  try {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`)
    if (url.pathname === '/healthz') {
      q.ping.get()
      res.setHeader('Cache-Control', 'no-store')
      return send(req, res, 200, 'application/json', '{"status":"ok"}')
    }
    if (req.method !== 'GET') return send(req, res, 405, 'text/plain', 'method not allowed')
    const actor = actorFor(req)
    if (!actor) {
      res.writeHead(302, { Location: '/login' })
      return res.end()
    }
    const unread = (q.unread.get(actor.userId) as { n: number }).n
    let page: { title: string; body: string } | null = null
    if (url.pathname === '/') page = actor.orgKind === 'vendor' ? vendorDashboardPage(actor) : organisationHomePage(actor)
    else if (actor.orgKind === 'vendor' && url.pathname === '/accounts') page = accountsPage(url)
    else if (actor.orgKind === 'vendor' && url.pathname.startsWith('/accounts/')) page = account360Page(decodeURIComponent(url.pathname.slice('/accounts/'.length)))
    else if (dealQ && url.pathname.startsWith('/deals/')) page = dealPage(decodeURIComponent(url.pathname.slice('/deals/'.length)))
    else if (consoleQ && APPROVER_ROLES.has(actor.role) && url.pathname === '/approvals') page = approvalsPage()
    else if (consoleQ && APPROVER_ROLES.has(actor.role) && url.pathname === '/reports') page = reportsPage()
    else if (consoleQ && url.pathname.startsWith('/plans/')) page = planPage(decodeURIComponent(url.pathname.slice('/plans/'.length)))
    else if (mdfQ && url.pathname === '/mdf') page = mdfPage(actor)
    if (page && consoleQ && url.pathname === '/' && actor.orgKind === 'vendor' && APPROVER_ROLES.has(actor.role)) page = { ...page, body: dashboardConsole() + page.body }
    if (!page) return send(req, res, 404, 'text/plain', 'not found')
    send(req, res, 200, 'text/html; charset=utf-8', layout(actor, unread, page.title, page.body))
  } catch (error) {
    console.error(error)
    if (!res.headersSent) send(req, res, 500, 'text/plain', 'error')
  }
})

server.keepAliveTimeout = 5000
server.listen(PORT, HOST, () => console.log(`baseline listening on http://${HOST}:${PORT}`))
