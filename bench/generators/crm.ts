// The core dataset: partners and suppliers with their users, vendor staff, customer accounts (with their
// conflict-detection keys), contacts, leads, opportunities, activities, audit rows and notifications, on top of
// what scripts/seed.ts made (the vendor, the demo logins, the two pipelines).
//
// Skew, because averages hide the pages that hurt:
// - partner deal counts follow Zipf (s = 1): PT Maju Jaya Solusi (admin@majujaya.test) is made the whale, with
//   about a tenth of all partner-sourced deals; CV Sinar Digital (admin@sinardigital.test) sits at the median;
// - 1% of accounts are key accounts that get 10% of the opportunities, again Zipf, so the largest account has
//   hundreds (S) to thousands (L) of opportunities, and proportionally more contacts; a "busy" account with about
//   20 opportunities is picked too, so one account page has the same size at every scale;
// - words in company names are Zipf-popular too, so conflict-detection keys range from unique to huge.
import { blockingKeys, normaliseCompanyName, prepareCompany, wordKeys } from '../../app/modules/matching/company-match'
import { DEMO_LOGINS } from '../../scripts/seed'
import { inBatches, withIndexesDropped } from '../lib/bulk'
import { companyDomainFor, companyName, FIRST_NAMES, INDUSTRIES, LAST_NAMES, pickPlace, slug, TITLES } from '../lib/names'
import { idMaker, intBetween, pick, weighted, Zipf } from '../lib/rng'
import type { GeneratorContext, GeneratorStep } from '../lib/types'

const DAY = 86_400_000
const PROJECTS = ['Cloud migration', 'ERP rollout', 'Network refresh', 'Security suite', 'Data platform', 'Managed services', 'Laptop fleet', 'Data centre', 'CCTV & access', 'Licence renewal', 'Helpdesk outsourcing', 'Wi-Fi campus']
const ACTIVITY_SUBJECTS = ['Discovery call', 'Demo for IT team', 'Proposal sent', 'Pricing discussion', 'Follow-up on requirements', 'Quarterly review', 'Intro meeting', 'Renewal reminder', 'Site visit', 'Budget planning']
const WHALE_PARTNER = 'PT Maju Jaya Solusi'
const TYPICAL_PARTNER = 'CV Sinar Digital'

type Stage = { id: string; position: number; isClosed: number }

function loginFor(org: string): string {
  const login = DEMO_LOGINS.find((l) => l.org === org && l.role === 'partner_admin')
  if (!login) throw new Error(`scripts/seed.ts no longer has a partner_admin login for ${org}; update bench/generators/crm.ts`)
  return login.email
}

function generateCrm(ctx: GeneratorContext) {
  const { db, scale, rng, now, log } = ctx
  const newId = idMaker(rng)
  const daysAgo = (maxDays: number) => now - Math.floor(rng() * maxDays * DAY)

  // ---- what the seed made ------------------------------------------------------------------------------------
  const vendorOrgId = (db.prepare(`SELECT id FROM organisations WHERE kind = 'vendor'`).get() as { id: string }).id
  const passwordHash = (db.prepare(`SELECT password_hash AS h FROM users WHERE email = ?`).get(DEMO_LOGINS[0]!.email) as { h: string }).h
  const demoPartners = db.prepare(`SELECT id, name FROM organisations WHERE kind = 'partner'`).all() as { id: string; name: string }[]
  const demoSuppliers = (db.prepare(`SELECT count(*) AS n FROM organisations WHERE kind = 'supplier'`).get() as { n: number }).n
  const vendorUserIds = (db.prepare(`SELECT user_id AS id FROM memberships WHERE org_id = ?`).all(vendorOrgId) as { id: string }[]).map((r) => r.id)
  const seededAccounts = (db.prepare(`SELECT count(*) AS n FROM accounts`).get() as { n: number }).n
  const pipelines = db.prepare(`SELECT id, is_default AS isDefault FROM pipelines ORDER BY is_default DESC, name`).all() as { id: string; isDefault: number }[]
  if (pipelines.length < 2) throw new Error('expected the two pipelines of scripts/seed.ts')
  const stagesOf = (pipelineId: string) => db.prepare(`SELECT id, position, is_closed AS isClosed FROM pipeline_stages WHERE pipeline_id = ? ORDER BY position`).all(pipelineId) as Stage[]
  const enterprise = { id: pipelines[0]!.id, stages: stagesOf(pipelines[0]!.id) }
  const channel = { id: pipelines[1]!.id, stages: stagesOf(pipelines[1]!.id) }

  const insertOrg = db.prepare(`INSERT INTO organisations (id, kind, name, legal_name, npwp, country, region, city, website, status, tier, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'ID', ?, ?, ?, ?, ?, ?, ?)`)
  const insertUser = db.prepare(`INSERT INTO users (id, email, name, locale, time_zone, password_hash, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'Asia/Jakarta', ?, 'active', ?, ?)`)
  const insertMembership = db.prepare(`INSERT INTO memberships (id, user_id, org_id, role, created_at) VALUES (?, ?, ?, ?, ?)`)
  const insertAccount = db.prepare(`INSERT INTO accounts (id, name, normalized_name, domain, npwp, industry, address, city, region, phone, owner_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertKey = db.prepare(`INSERT INTO account_match_keys (key, account_id) VALUES (?, ?)`)
  const insertContact = db.prepare(`INSERT INTO contacts (id, account_id, first_name, last_name, email, phone, title, owner_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertLead = db.prepare(`INSERT INTO leads (id, company, contact_name, email, phone, source, status, score, account_id, owner_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertOpportunity = db.prepare(`INSERT INTO opportunities (id, name, account_id, pipeline_id, stage_id, amount_minor, currency, expected_close_date, owner_id, source, partner_org_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertActivity = db.prepare(`INSERT INTO activities (id, kind, subject, body, entity_type, entity_id, account_id, due_at, done_at, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)`)
  const insertAudit = db.prepare(`INSERT INTO audit_log (id, actor_id, actor_org_id, entity_type, entity_id, action, before, after, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertNotification = db.prepare(`INSERT INTO notifications (id, recipient_id, kind, title, body, link, read_at, created_at) VALUES (?, ?, ?, ?, NULL, NULL, ?, ?)`)

  const personName = () => `${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_NAMES)}`
  const npwp = () => String(intBetween(rng, 10, 99)) + String(Math.floor(rng() * 1e13)).padStart(13, '0')
  const phone = () => `+62 21 ${intBetween(rng, 5000000, 9999999)}`

  const tables = ['organisations', 'users', 'memberships', 'accounts', 'account_match_keys', 'contacts', 'leads', 'opportunities', 'activities', 'audit_log', 'notifications']
  withIndexesDropped(db, tables, () => {
    // ---- vendor staff: the account owners ------------------------------------------------------------------
    const extraStaff = Math.max(10, Math.round(scale.partners / 50))
    db.transaction(() => {
      for (let i = 0; i < extraStaff; i++) {
        const id = newId()
        const at = daysAgo(900)
        insertUser.run(id, `staff${i + 1}@nusantara.bench.test`, personName(), rng() < 0.8 ? 'id' : 'en', passwordHash, at, at)
        insertMembership.run(newId(), id, vendorOrgId, weighted(rng, [['sales', 7], ['partner_manager', 2], ['procurement_manager', 1]] as const), at)
        vendorUserIds.push(id)
      }
    })()
    const ownerIds = vendorUserIds

    // ---- partners, ranked by deal volume -------------------------------------------------------------------
    const partnerIdsByRank: string[] = new Array(scale.partners)
    const demoByName = new Map(demoPartners.map((p) => [p.name, p.id]))
    const whaleId = demoByName.get(WHALE_PARTNER)
    const typicalId = demoByName.get(TYPICAL_PARTNER)
    if (!whaleId || !typicalId) throw new Error(`scripts/seed.ts no longer makes ${WHALE_PARTNER} and ${TYPICAL_PARTNER}; update bench/generators/crm.ts`)
    partnerIdsByRank[0] = whaleId
    partnerIdsByRank[Math.floor(scale.partners / 2)] = typicalId
    const others = demoPartners.filter((p) => p.id !== whaleId && p.id !== typicalId)
    others.forEach((p, k) => (partnerIdsByRank[Math.floor(scale.partners * 0.8) + k] = p.id))
    const partnerUserIds = new Map<string, string[]>()
    const existingMembers = db.prepare(`SELECT user_id AS id FROM memberships WHERE org_id = ?`)
    const usedNames = new Set(demoPartners.map((p) => p.name))
    db.transaction(() => {
      for (let rank = 0; rank < scale.partners; rank++) {
        let orgId = partnerIdsByRank[rank]
        if (!orgId) {
          orgId = newId()
          let cn = companyName(rng)
          while (usedNames.has(cn.name)) cn = companyName(rng)
          usedNames.add(cn.name)
          const place = pickPlace(rng)
          const share = rank / scale.partners
          const tier = share < 0.01 ? 'platinum' : share < 0.1 ? 'gold' : share < 0.4 ? 'silver' : 'registered'
          const status = rng() < 0.95 ? 'active' : rng() < 0.6 ? 'on_hold' : 'inactive'
          const at = daysAgo(1500)
          insertOrg.run(orgId, 'partner', cn.name, cn.name, rng() < 0.6 ? npwp() : null, place.region, place.city, `https://${companyDomainFor(rng, cn.base, cn.international)}`, status, tier, at, at)
          partnerIdsByRank[rank] = orgId
        }
        const members = (existingMembers.all(orgId) as { id: string }[]).map((r) => r.id)
        // a whale partner has a sales team in the portal; most resellers have one or two people
        const wanted = Math.max(1, Math.round(30 / Math.sqrt(rank + 1)))
        for (let k = members.length; k < wanted; k++) {
          const id = newId()
          const at = daysAgo(700)
          insertUser.run(id, `user${k + 1}@partner${rank + 1}.bench.test`, personName(), rng() < 0.85 ? 'id' : 'en', passwordHash, at, at)
          insertMembership.run(newId(), id, orgId, k === 0 ? 'partner_admin' : 'partner_user', at)
          members.push(id)
        }
        partnerUserIds.set(orgId, members)
      }
      const suppliers = Math.max(demoSuppliers, Math.round(scale.partners / 10)) - demoSuppliers
      for (let i = 0; i < suppliers; i++) {
        const orgId = newId()
        const cn = companyName(rng)
        const place = pickPlace(rng)
        const at = daysAgo(1500)
        insertOrg.run(orgId, 'supplier', cn.name, cn.name, rng() < 0.7 ? npwp() : null, place.region, place.city, `https://${companyDomainFor(rng, cn.base, cn.international)}`, 'active', null, at, at)
        const userId = newId()
        insertUser.run(userId, `admin@supplier${i + 1}.bench.test`, personName(), 'id', passwordHash, at, at)
        insertMembership.run(newId(), userId, orgId, 'supplier_admin', at)
      }
    })()
    log(`${scale.partners} partners, ${vendorUserIds.length} vendor staff`)

    // ---- which account each opportunity belongs to, decided first: contacts follow the deal volume ----------
    const generated = Math.max(0, scale.accounts - seededAccounts)
    const keyAccounts = Math.max(10, Math.floor(generated * 0.01))
    const keyZipf = new Zipf(keyAccounts, 1)
    const oppAccount = new Int32Array(scale.opportunities)
    const oppsPerAccount = new Uint32Array(generated)
    for (let o = 0; o < scale.opportunities; o++) {
      const a = rng() < 0.1 ? keyZipf.sample(rng) : Math.floor(rng() * generated)
      oppAccount[o] = a
      oppsPerAccount[a]!++
    }

    // ---- accounts, their match keys, contacts, account-level activities and a "created" audit row ----------
    const accountIds: string[] = new Array(generated)
    const accountNames: string[] = new Array(generated)
    const accountOwners: string[] = new Array(generated)
    let keyRows = 0
    const started = performance.now()
    inBatches(
      db,
      generated,
      20_000,
      (i) => {
        const id = newId()
        const cn = companyName(rng)
        const place = pickPlace(rng)
        const domain = rng() < 0.7 ? companyDomainFor(rng, cn.base, cn.international) : null
        const taxId = rng() < 0.35 ? npwp() : null
        const owner = pick(rng, ownerIds)
        const createdAt = daysAgo(1800)
        const updatedAt = Math.min(now, createdAt + Math.floor(rng() * 400 * DAY))
        insertAccount.run(id, cn.name, normaliseCompanyName(cn.name), domain, taxId, pick(rng, INDUSTRIES), `Jl. ${pick(rng, FIRST_NAMES)} Raya No. ${intBetween(rng, 1, 250)}`, place.city, place.region, phone(), owner, createdAt, updatedAt)
        const prepared = prepareCompany({ name: cn.name, domain, npwp: taxId })
        // as indexCompanyKeys stores them: blocking keys plus word keys (the counts are filled in one pass below)
        for (const key of new Set([...blockingKeys(prepared), ...wordKeys(prepared)])) {
          insertKey.run(key, id)
          keyRows++
        }
        insertAudit.run(newId(), owner, vendorOrgId, 'account', id, 'created', null, JSON.stringify({ name: cn.name, region: place.region }), createdAt)
        accountIds[i] = id
        accountNames[i] = cn.name
        accountOwners[i] = owner

        const opps = oppsPerAccount[i]!
        const contacts = i < keyAccounts ? Math.min(300, 5 + Math.floor(opps / 10)) : weighted(rng, [[0, 15], [1, 35], [2, 30], [3, 15], [5, 5]] as const)
        const mailDomain = domain ?? `${slug(cn.base).slice(0, 20) || 'mail'}.co.id`
        for (let c = 0; c < contacts; c++) {
          const first = pick(rng, FIRST_NAMES)
          const last = pick(rng, LAST_NAMES)
          const at = createdAt + Math.floor(rng() * (now - createdAt))
          const contactId = newId()
          insertContact.run(contactId, id, first, last, `${first}.${last}${c > 5 ? c : ''}@${mailDomain}`.toLowerCase(), `+62 81${intBetween(rng, 100000000, 999999999)}`, pick(rng, TITLES), owner, at, at)
          if (rng() < 0.2) insertActivity.run(newId(), pick(rng, ['call', 'email', 'meeting'] as const), pick(rng, ACTIVITY_SUBJECTS), null, 'contact', contactId, id, owner, at)
        }
        const accountActivities = i < keyAccounts ? Math.min(200, 3 + Math.floor(opps / 5)) : rng() < 0.6 ? 1 : 0
        for (let k = 0; k < accountActivities; k++) {
          insertActivity.run(newId(), pick(rng, ['note', 'call', 'meeting'] as const), pick(rng, ACTIVITY_SUBJECTS), rng() < 0.3 ? 'Customer is evaluating options for next fiscal year.' : null, 'account', id, id, owner, createdAt + Math.floor(rng() * (now - createdAt)))
        }
      },
      (done) => {
        if (done % 200_000 === 0 || done === generated) log(`accounts ${done}/${generated} (${keyRows} match keys) ${((performance.now() - started) / 1000).toFixed(0)} s`)
      },
    )

    // ---- opportunities (and one activity on about half of them) ------------------------------------------------
    const partnerZipf = new Zipf(scale.partners, 1)
    const stageWeights = (stages: Stage[]) => stages.map((s, i) => [s, s.isClosed ? 18 : 20 - i * 2] as const)
    const enterpriseStages = stageWeights(enterprise.stages)
    const channelStages = stageWeights(channel.stages)
    inBatches(db, scale.opportunities, 50_000, (o) => {
      const a = oppAccount[o]!
      const fromPartner = rng() < 0.6
      const pipeline = fromPartner ? (rng() < 0.8 ? channel : enterprise) : rng() < 0.8 ? enterprise : channel
      const stage = weighted(rng, pipeline === channel ? channelStages : enterpriseStages)
      const currency = weighted(rng, [['IDR', 90], ['USD', 8], ['SGD', 2]] as const)
      // log-uniform between Rp 10 juta and Rp 20 miliar
      const idr = Math.round(Math.exp(Math.log(1e7) + rng() * (Math.log(2e10) - Math.log(1e7))) / 100_000) * 100_000
      const amountMinor = currency === 'IDR' ? idr : Math.round(idr / (currency === 'USD' ? 16_000 : 12_000)) * 100
      const createdAt = daysAgo(1100)
      const updatedAt = Math.min(now, createdAt + Math.floor(rng() * 200 * DAY))
      const close = new Date(createdAt + intBetween(rng, 30, 300) * DAY).toISOString().slice(0, 10)
      const id = newId()
      const shortName = accountNames[a]!.replace(/^(PT|CV|UD)\s+/, '').replace(/\s+Tbk$/, '')
      const partnerId = fromPartner ? partnerIdsByRank[partnerZipf.sample(rng)]! : null
      insertOpportunity.run(id, `${shortName} — ${pick(rng, PROJECTS)}`, accountIds[a], pipeline.id, stage.id, amountMinor, currency, close, accountOwners[a], fromPartner ? 'partner' : 'direct', partnerId, createdAt, updatedAt)
      if (rng() < 0.5) insertActivity.run(newId(), pick(rng, ['call', 'meeting', 'email'] as const), pick(rng, ACTIVITY_SUBJECTS), null, 'opportunity', id, accountIds[a], accountOwners[a], updatedAt)
    })
    log(`${scale.opportunities} opportunities`)
    // the maintained per-stage totals the app keeps with every opportunity write (0005_perf)
    db.exec(`DELETE FROM opportunity_stage_totals; INSERT INTO opportunity_stage_totals (stage_id, currency, n, amount_minor) SELECT stage_id, currency, count(*), coalesce(sum(amount_minor), 0) FROM opportunities GROUP BY stage_id, currency`)
    // when each closed one closed (the app records it on the move), then the totals per source and per month (0009)
    db.exec(`UPDATE opportunities SET closed_at = updated_at WHERE stage_id IN (SELECT id FROM pipeline_stages WHERE is_closed = 1);
      DELETE FROM opportunity_partner_totals;
      INSERT INTO opportunity_partner_totals (partner_key, stage_id, currency, n, amount_minor, cycle_ms)
        SELECT coalesce(partner_org_id, ''), stage_id, currency, count(*), coalesce(sum(amount_minor), 0), coalesce(sum(CASE WHEN closed_at > created_at THEN closed_at - created_at ELSE 0 END), 0) FROM opportunities GROUP BY 1, 2, 3;
      DELETE FROM opportunity_month_totals;
      INSERT INTO opportunity_month_totals (month, partner_key, currency, n, amount_minor)
        SELECT strftime('%Y-%m', (created_at + 25200000) / 1000, 'unixepoch'), coalesce(partner_org_id, ''), currency, count(*), coalesce(sum(amount_minor), 0) FROM opportunities GROUP BY 1, 2, 3;`)

    // ---- leads: half as many as accounts, 40% already tied to an account -----------------------------------------
    const leadCount = Math.round(scale.accounts / 2)
    inBatches(db, leadCount, 50_000, () => {
      const linked = rng() < 0.4
      const a = linked ? Math.floor(rng() * generated) : -1
      const company = linked ? accountNames[a]! : companyName(rng).name
      const first = pick(rng, FIRST_NAMES)
      const createdAt = daysAgo(365)
      const status = weighted(rng, [['new', 30], ['working', 30], ['qualified', 20], ['converted', 10], ['disqualified', 10]] as const)
      insertLead.run(newId(), company, `${first} ${pick(rng, LAST_NAMES)}`, `${first.toLowerCase()}@${slug(company).slice(0, 20) || 'mail'}.co.id`, null, pick(rng, ['web', 'event', 'referral', 'partner', 'campaign', 'other'] as const), status, Math.floor(rng() * 101), linked ? accountIds[a] : null, pick(rng, ownerIds), createdAt, Math.min(now, createdAt + Math.floor(rng() * 60 * DAY)))
    })
    log(`${leadCount} leads`)
    // the maintained open-lead counts per score band the app keeps with every lead write (0017)
    db.exec(`DELETE FROM lead_band_counts; INSERT INTO lead_band_counts (band, n) SELECT CASE WHEN score >= 70 THEN 'hot' WHEN score >= 40 THEN 'warm' ELSE 'junk' END, count(*) FROM leads WHERE status NOT IN ('converted', 'disqualified') GROUP BY 1`)

    // ---- a history on the largest account and a few notifications for the people the bench signs in as ---------
    db.transaction(() => {
      for (let k = 0; k < 20; k++) insertAudit.run(newId(), accountOwners[0], vendorOrgId, 'account', accountIds[0], 'updated', JSON.stringify({ phone: phone() }), JSON.stringify({ phone: phone() }), daysAgo(300))
      const loginIds = db.prepare(`SELECT id FROM users WHERE email IN (${DEMO_LOGINS.map(() => '?').join(', ')})`).all(...DEMO_LOGINS.map((l) => l.email)) as { id: string }[]
      for (const { id } of loginIds) {
        for (let k = 0; k < 8; k++) insertNotification.run(newId(), id, 'deals.submitted', `Notification ${k + 1}`, k < 3 ? null : daysAgo(30), daysAgo(60))
      }
    })()

    // an account with a page of the same size at every scale (about 20 opportunities), for growth comparisons
    let busy = 0
    for (let a = 0; a < keyAccounts; a++) if (Math.abs(oppsPerAccount[a]! - 20) < Math.abs(oppsPerAccount[busy]! - 20)) busy = a
    ctx.fixtures.busyAccountIndex = busy

    ctx.shared.vendorOrgId = vendorOrgId
    ctx.shared.vendorUserIds = vendorUserIds
    ctx.shared.partnerIdsByRank = partnerIdsByRank
    ctx.shared.partnerUserIds = partnerUserIds
    ctx.shared.accountIds = accountIds
    ctx.shared.accountNames = accountNames
    ctx.shared.passwordHash = passwordHash
  }, log)

  // ---- the per-key row counts and word counts the matcher keeps with its index (match_key_counts) -----------------
  const countsStarted = performance.now()
  db.exec(`DELETE FROM match_key_counts WHERE kind = 'account';
    INSERT INTO match_key_counts (kind, key, n) SELECT 'account', key, count(*) FROM account_match_keys GROUP BY key;
    INSERT INTO match_key_counts (kind, key, n) SELECT 'account', '#', count(*) FROM accounts;`)
  log(`match key counts ${((performance.now() - countsStarted) / 1000).toFixed(0)} s`)

  // ---- facts for the measures (read back now that the indexes exist again) ----------------------------------------
  const partnerStats = db.prepare(`SELECT count(*) AS opportunities, (SELECT count(*) FROM memberships WHERE org_id = ?) AS users FROM opportunities WHERE partner_org_id = ?`)
  const whaleId = ctx.shared.partnerIdsByRank![0]!
  const typicalId = ctx.shared.partnerIdsByRank![Math.floor(scale.partners / 2)]!
  const largest = db
    .prepare(`SELECT account_id AS id, count(*) AS opportunities FROM opportunities WHERE account_id = ? GROUP BY account_id`)
    .get(ctx.shared.accountIds![0]) as { id: string; opportunities: number }
  const largestContacts = (db.prepare(`SELECT count(*) AS n FROM contacts WHERE account_id = ?`).get(largest.id) as { n: number }).n
  ctx.fixtures.vendorLogin = DEMO_LOGINS.find((l) => l.role === 'partner_manager')!.email
  ctx.fixtures.whalePartner = { login: loginFor(WHALE_PARTNER), orgId: whaleId, ...(partnerStats.get(whaleId, whaleId) as object) }
  ctx.fixtures.typicalPartner = { login: loginFor(TYPICAL_PARTNER), orgId: typicalId, ...(partnerStats.get(typicalId, typicalId) as object) }
  ctx.fixtures.largestAccount = { id: largest.id, name: ctx.shared.accountNames![0], opportunities: largest.opportunities, contacts: largestContacts }
  const busyId = ctx.shared.accountIds![ctx.fixtures.busyAccountIndex as number]!
  delete ctx.fixtures.busyAccountIndex
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE account_id = ?`).get(busyId) as { n: number }).n
  ctx.fixtures.busyAccount = { id: busyId, name: ctx.shared.accountNames![ctx.shared.accountIds!.indexOf(busyId)], opportunities: count('opportunities'), contacts: count('contacts') }
}

const crmStep: GeneratorStep = {
  name: 'crm',
  order: 0,
  requiresTable: 'accounts',
  generate: generateCrm,
}
export default crmStep
