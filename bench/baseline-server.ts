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
  byStage: db.prepare(`select "pipeline_stages"."id", "pipeline_stages"."name", "pipeline_stages"."position", "pipeline_stages"."is_closed", count("opportunities"."id") as n, sum("opportunities"."amount_minor") as amount from "pipeline_stages" left join "opportunities" on ("opportunities"."stage_id" = "pipeline_stages"."id" and "opportunities"."currency" = ?) where "pipeline_stages"."pipeline_id" = ? group by "pipeline_stages"."id" order by "pipeline_stages"."position" asc`),
  openPipeline: db.prepare(`select count(*) as n, sum("opportunities"."amount_minor") as amount from "opportunities" inner join "pipeline_stages" on "pipeline_stages"."id" = "opportunities"."stage_id" where ("pipeline_stages"."is_closed" = ? and "opportunities"."currency" = ?)`),
  leadBands: db.prepare(`select CASE WHEN "score" >= 70 THEN 'hot' WHEN "score" >= 40 THEN 'warm' ELSE 'junk' END as band, count(*) as n from "leads" where "leads"."status" NOT IN ('converted', 'disqualified') group by 1`),
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
    if (!page) return send(req, res, 404, 'text/plain', 'not found')
    send(req, res, 200, 'text/html; charset=utf-8', layout(actor, unread, page.title, page.body))
  } catch (error) {
    console.error(error)
    if (!res.headersSent) send(req, res, 500, 'text/plain', 'error')
  }
})

server.keepAliveTimeout = 5000
server.listen(PORT, HOST, () => console.log(`baseline listening on http://${HOST}:${PORT}`))
