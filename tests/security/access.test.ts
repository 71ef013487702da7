// Role escalation and mass assignment, over HTTP against the production server: forms that
// carry more fields than they show change nothing but what they show, and nobody invites,
// creates or edits beyond their role. Every check reads the database afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type Session, type TestServer } from './support/server'

let server: TestServer
const as = {} as Record<'admin' | 'manager' | 'procurement' | 'sales' | 'partnerAdmin' | 'partnerUser' | 'otherPartnerAdmin' | 'supplierAdmin', Session>
const org = {} as Record<'vendor' | 'majujaya' | 'sinar' | 'sumber', string>

type Row = Record<string, unknown>
const get = (sql: string, ...params: unknown[]) => server.db.prepare(sql).get(...params) as Row | undefined
const count = (sql: string, ...params: unknown[]) => (server.db.prepare(sql).get(...params) as { n: number }).n
const userRow = (email: string) => get('SELECT u.id, u.email, u.name, u.status, u.locale, u.password_hash AS passwordHash, m.role, m.org_id AS orgId FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.email = ?', email)!
const idFromLocation = (location: string | null) => /\/([a-z0-9]{24})$/.exec(location ?? '')?.[1]

beforeAll(async () => {
  server = await startServer('access')
  const emails = {
    admin: 'admin@mitra.test',
    manager: 'manager@mitra.test',
    procurement: 'procurement@mitra.test',
    sales: 'sales@mitra.test',
    partnerAdmin: 'admin@majujaya.test',
    partnerUser: 'user@majujaya.test',
    otherPartnerAdmin: 'admin@sinardigital.test',
    supplierAdmin: 'admin@sumbermakmur.test',
  } as const
  for (const [key, email] of Object.entries(emails)) as[key as keyof typeof as] = await server.signIn(email)
  const orgId = (name: string) => get('SELECT id FROM organisations WHERE name = ?', name)!.id as string
  org.vendor = orgId('PT Nusantara Teknologi')
  org.majujaya = orgId('PT Maju Jaya Solusi')
  org.sinar = orgId('CV Sinar Digital')
  org.sumber = orgId('PT Sumber Makmur Elektronik')
})

afterAll(async () => {
  await server?.stop()
})

describe('own profile', () => {
  it('a partner user cannot make themselves admin, move organisation, change status or email through the profile form', async () => {
    const before = userRow('user@majujaya.test')
    const res = await server.request('/profile', {
      as: as.partnerUser,
      form: {
        name: 'Rina Kusuma (edited)',
        locale: 'en',
        timeZone: 'Asia/Makassar',
        role: 'admin',
        orgId: org.vendor,
        org_id: org.vendor,
        status: 'active',
        email: 'admin@mitra.test',
        id: 'attacker-chosen-id',
        userId: 'attacker-chosen-id',
        passwordHash: 'scrypt$1$1$1$AAAA$AAAA',
        password_hash: 'scrypt$1$1$1$AAAA$AAAA',
      },
    })
    expect(res.status).toBe(302)
    const after = userRow('user@majujaya.test')
    // what the form shows changed…
    expect(after).toMatchObject({ name: 'Rina Kusuma (edited)', locale: 'en' })
    // …and nothing else did
    expect(after).toMatchObject({ id: before.id, email: before.email, status: before.status, role: 'partner_user', orgId: org.majujaya, passwordHash: before.passwordHash })
    // still a partner user in the app, not an admin
    expect((await server.request('/organisations/new', { as: as.partnerUser })).status).toBe(403)
  })
})

describe('users and organisations', () => {
  const invite = (email: string, role: string, extra: Record<string, string> = {}) => ({ email, name: 'Invited Person', role, ...extra })

  it('a partner user cannot invite anyone, not even into their own organisation', async () => {
    const res = await server.request(`/organisations/${org.majujaya}?index`, { as: as.partnerUser, form: invite('sneaky@majujaya.test', 'partner_user') })
    expect([403, 404]).toContain(res.status)
    expect(count('SELECT count(*) AS n FROM users WHERE email = ?', 'sneaky@majujaya.test')).toBe(0)
    expect(count('SELECT count(*) AS n FROM invitations WHERE email = ?', 'sneaky@majujaya.test')).toBe(0)
  })

  it('a partner or supplier user cannot create organisations', async () => {
    const before = count('SELECT count(*) AS n FROM organisations')
    for (const who of [as.partnerUser, as.partnerAdmin, as.supplierAdmin]) {
      const res = await server.request('/organisations/new', { as: who, form: { kind: 'partner', name: 'Shadow Partner', country: 'ID', status: 'active', tier: 'platinum' } })
      expect(res.status).toBe(403)
    }
    expect(count('SELECT count(*) AS n FROM organisations')).toBe(before)
  })

  it('a partner admin cannot invite an admin, a vendor role or a supplier role into their organisation', async () => {
    for (const role of ['admin', 'partner_manager', 'procurement_manager', 'sales', 'supplier_admin', 'superuser']) {
      const email = `escalate-${role}@majujaya.test`
      const res = await server.request(`/organisations/${org.majujaya}?index`, { as: as.partnerAdmin, form: invite(email, role) })
      expect(res.status, role).toBe(400)
      expect(count('SELECT count(*) AS n FROM users WHERE email = ?', email), role).toBe(0)
    }
  })

  it('a partner admin invites a partner user into their own organisation only, whatever org field the form carries', async () => {
    const res = await server.request(`/organisations/${org.majujaya}?index`, { as: as.partnerAdmin, form: invite('new.colleague@majujaya.test', 'partner_user', { orgId: org.vendor, org_id: org.sinar, status: 'active' }) })
    expect(res.status).toBe(302)
    expect(userRow('new.colleague@majujaya.test')).toMatchObject({ role: 'partner_user', orgId: org.majujaya, status: 'invited', passwordHash: null })
  })

  it('a partner admin cannot invite into, or deactivate users of, another organisation', async () => {
    const res = await server.request(`/organisations/${org.sinar}?index`, { as: as.partnerAdmin, form: invite('planted@sinardigital.test', 'partner_admin') })
    expect(res.status).toBe(404)
    expect(count('SELECT count(*) AS n FROM users WHERE email = ?', 'planted@sinardigital.test')).toBe(0)

    // the foreign user id smuggled through their own organisation's page
    const victim = userRow('admin@sinardigital.test')
    const viaOwnPage = await server.request(`/organisations/${org.majujaya}?index`, { as: as.partnerAdmin, form: { intent: 'deactivate', userId: victim.id as string } })
    expect(viaOwnPage.status).toBe(404)
    expect(userRow('admin@sinardigital.test').status).toBe('active')
    expect((await server.request('/', { as: as.otherPartnerAdmin })).status).toBe(200) // their session still works
  })

  it('a supplier admin cannot invite partner roles', async () => {
    const res = await server.request(`/organisations/${org.sumber}?index`, { as: as.supplierAdmin, form: invite('cross@sumbermakmur.test', 'partner_admin') })
    expect(res.status).toBe(400)
    expect(count('SELECT count(*) AS n FROM users WHERE email = ?', 'cross@sumbermakmur.test')).toBe(0)
  })

  it('a partner admin cannot edit their own organisation (tier, status), nor see that another exists', async () => {
    const before = get('SELECT tier, status, name FROM organisations WHERE id = ?', org.majujaya)
    const res = await server.request(`/organisations/${org.majujaya}/edit`, { as: as.partnerAdmin, form: { name: 'PT Maju Jaya Solusi', country: 'ID', tier: 'platinum', status: 'active', kind: 'partner' } })
    // their own organisation: they see it but lack the right (403); another one does not exist for them (404)
    expect(res.status).toBe(403)
    expect((await server.request(`/organisations/${org.sinar}/edit`, { as: as.partnerAdmin, form: { name: 'X', country: 'ID', status: 'active', kind: 'partner' } })).status).toBe(404)
    expect(get('SELECT tier, status, name FROM organisations WHERE id = ?', org.majujaya)).toEqual(before)
  })

  it('partners and suppliers see only their own organisation in the directory', async () => {
    for (const [who, own] of [[as.partnerUser, org.majujaya], [as.supplierAdmin, org.sumber]] as const) {
      for (const query of ['', '?kind=partner', '?q=Sinar', '?kind=supplier&q=Logistik']) {
        const res = await server.request(`/organisations${query}`, { as: who })
        expect(res.status, query).toBe(302)
        expect(res.location).toBe(`/organisations/${own}`)
      }
    }
    const own = await server.request(`/organisations/${org.majujaya}`, { as: as.partnerUser })
    expect(own.status).toBe(200)
    expect(own.body).toContain('PT Maju Jaya Solusi')
    expect(own.body).not.toContain('CV Sinar Digital')
  })

  it('the vendor admin cannot change an organisation’s kind through the edit form', async () => {
    const res = await server.request(`/organisations/${org.sinar}/edit`, { as: as.admin, form: { kind: 'supplier', name: 'CV Sinar Digital', country: 'ID', status: 'active', tier: 'silver' } })
    expect(res.status).toBe(302)
    expect(get('SELECT kind FROM organisations WHERE id = ?', org.sinar)).toEqual({ kind: 'partner' })
  })
})

describe('core CRM forms ignore fields they do not show', () => {
  const adminId = () => userRow('admin@mitra.test').id as string
  const salesId = () => userRow('sales@mitra.test').id as string

  it('a new account belongs to its creator and gets a generated id and times', async () => {
    const res = await server.request('/accounts/new', {
      as: as.sales,
      form: { name: 'PT Mass Assign Test', id: 'aaaaaaaaaaaaaaaaaaaaaaaa', ownerId: adminId(), owner_id: adminId(), createdAt: '0', created_at: '0', normalizedName: 'zzz', partnerOrgId: org.majujaya, status: 'deleted' },
    })
    expect(res.status).toBe(302)
    const id = idFromLocation(res.location)!
    expect(id).not.toBe('aaaaaaaaaaaaaaaaaaaaaaaa')
    const row = get('SELECT owner_id AS ownerId, created_at AS createdAt, normalized_name AS normalizedName FROM accounts WHERE id = ?', id)!
    expect(row.ownerId).toBe(salesId())
    expect(row.createdAt).toBeGreaterThan(Date.now() - 60_000)
    expect(row.normalizedName).not.toBe('zzz')
  })

  it('a new opportunity cannot claim a partner, a source or an owner', async () => {
    const { accountId, pipelineId } = get('SELECT account_id AS accountId, pipeline_id AS pipelineId FROM opportunities LIMIT 1') as { accountId: string; pipelineId: string }
    const res = await server.request('/opportunities/new', {
      as: as.sales,
      form: { name: 'Mass assign opp', accountId, pipelineId, amount: '1000000', currency: 'IDR', partnerOrgId: org.majujaya, partner_org_id: org.majujaya, source: 'partner', ownerId: adminId(), status: 'won' },
    })
    expect(res.status).toBe(302)
    const row = get('SELECT partner_org_id AS partnerOrgId, source, owner_id AS ownerId FROM opportunities WHERE id = ?', idFromLocation(res.location))
    expect(row).toEqual({ partnerOrgId: null, source: 'direct', ownerId: salesId() })
  })

  it('editing a lead or a contact keeps its owner and links', async () => {
    const lead = get('SELECT id, owner_id AS ownerId, account_id AS accountId FROM leads WHERE owner_id IS NOT NULL LIMIT 1') as { id: string; ownerId: string; accountId: string | null }
    const otherAccount = get('SELECT id FROM accounts WHERE id IS NOT ? LIMIT 1', lead.accountId)!.id as string
    const leadRes = await server.request(`/leads/${lead.id}`, {
      as: as.sales,
      form: { company: 'Edited Lead Co', contactName: 'Budi', source: 'web', status: 'working', score: '55', ownerId: salesId() === lead.ownerId ? adminId() : salesId(), accountId: otherAccount, createdAt: '0' },
    })
    expect(leadRes.status).toBe(302)
    expect(get('SELECT company, owner_id AS ownerId, account_id AS accountId FROM leads WHERE id = ?', lead.id)).toEqual({ company: 'Edited Lead Co', ownerId: lead.ownerId, accountId: lead.accountId })

    const contact = get('SELECT id, owner_id AS ownerId, created_at AS createdAt FROM contacts WHERE owner_id IS NOT NULL LIMIT 1') as { id: string; ownerId: string; createdAt: number }
    const contactRes = await server.request(`/contacts/${contact.id}`, { as: as.sales, form: { firstName: 'Edited', ownerId: adminId(), createdAt: '0', id: 'x' } })
    expect(contactRes.status).toBe(302)
    expect(get('SELECT first_name AS firstName, owner_id AS ownerId, created_at AS createdAt FROM contacts WHERE id = ?', contact.id)).toEqual({ firstName: 'Edited', ownerId: contact.ownerId, createdAt: contact.createdAt })
  })

  it('vendor staff without write access cannot write CRM records', async () => {
    const account = get('SELECT id, name, updated_at AS updatedAt FROM accounts ORDER BY name LIMIT 1') as { id: string; name: string; updatedAt: number }
    for (const who of [as.manager, as.procurement]) {
      const edit = await server.request(`/accounts/${account.id}/edit`, { as: who, form: { name: 'Renamed by a reader' } })
      expect([403, 404]).toContain(edit.status)
      const create = await server.request('/leads/new', { as: who, form: { company: 'Reader Lead', contactName: 'X', source: 'web', status: 'new', score: '1' } })
      expect([403, 404]).toContain(create.status)
    }
    expect(get('SELECT name, updated_at AS updatedAt FROM accounts WHERE id = ?', account.id)).toEqual({ name: account.name, updatedAt: account.updatedAt })
    expect(count("SELECT count(*) AS n FROM leads WHERE company = 'Reader Lead'")).toBe(0)
  })
})

describe('deal registration', () => {
  const dealOf = (customer: string) => get('SELECT id, status, partner_org_id AS partnerOrgId FROM deal_registrations WHERE customer_name = ?', customer) as { id: string; status: string; partnerOrgId: string }
  const dealForm = (customerName: string, extra: Record<string, string> = {}) => ({
    intent: 'submit',
    customerName,
    customerWebsite: 'escalation-test.co.id',
    contactName: 'Budi',
    contactEmail: 'budi@escalation-test.co.id',
    products: 'Firewall',
    value: '150000000',
    currency: 'IDR',
    expectedCloseDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    acceptRules: 'on',
    ...extra,
  })

  it('a partner cannot approve their own registration, from its page or from the queue', async () => {
    const own = dealOf('PT Samudra Biru Logistik')
    expect(own).toMatchObject({ status: 'submitted', partnerOrgId: org.majujaya })
    for (const who of [as.partnerUser, as.partnerAdmin]) {
      const page = await server.request(`/deals/${own.id}?index`, { as: who, form: { intent: 'approve' } })
      expect([403, 404]).toContain(page.status)
      const queue = await server.request('/deals/approvals', { as: who, form: { intent: 'approve', id: own.id } })
      expect([403, 404]).toContain(queue.status)
    }
    expect(dealOf('PT Samudra Biru Logistik').status).toBe('submitted')
    expect((await server.request('/deals/approvals', { as: as.partnerAdmin })).status).toBe(403)
  })

  it('a registration belongs to the partner who files it, submitted, whatever the form claims', async () => {
    const res = await server.request('/deals/new', {
      as: as.partnerUser,
      form: dealForm('PT Mass Assign Deal', { partnerOrgId: org.sinar, partner_org_id: org.sinar, submittedBy: 'x', status: 'approved', protectedUntil: '9999999999999', decidedBy: 'x', flaggedConflict: 'false' }),
    })
    expect(res.status).toBe(302)
    const row = get('SELECT partner_org_id AS partnerOrgId, status, protected_until AS protectedUntil, decided_by AS decidedBy, submitted_by AS submittedBy FROM deal_registrations WHERE customer_name = ?', 'PT Mass Assign Deal')
    expect(row).toEqual({ partnerOrgId: org.majujaya, status: 'submitted', protectedUntil: null, decidedBy: null, submittedBy: userRow('user@majujaya.test').id })
  })

  it('suppliers neither see nor file registrations', async () => {
    expect([403, 404]).toContain((await server.request('/deals', { as: as.supplierAdmin })).status)
    const res = await server.request('/deals/new', { as: as.supplierAdmin, form: dealForm('PT Supplier Deal') })
    expect([403, 404]).toContain(res.status)
    expect(count("SELECT count(*) AS n FROM deal_registrations WHERE customer_name = 'PT Supplier Deal'")).toBe(0)
  })

  it('partners never see each other’s registrations: not in their list, not through the conflict check', async () => {
    const list = await server.request('/deals', { as: as.partnerUser })
    expect(list.status).toBe(200)
    expect(list.body).toContain('PT Samudra Biru Logistik')
    expect(list.body).not.toContain('PT Bintang Timur Farma')
    expect(list.body).not.toContain('CV Sinar Digital')
    const check = await server.request(`/deals/conflicts?name=${encodeURIComponent('PT Bintang Timur Farma')}&website=bintangtimur.co.id`, { as: as.partnerUser })
    expect(check.status).toBe(200)
    const answer = JSON.parse(check.body) as { possibleConflict: boolean; matches: unknown[] }
    expect(answer.matches).toEqual([])
    expect(check.body).not.toMatch(/Bintang|Sinar/i)
  })
})

describe('two managers on one registration', () => {
  it('the second gets a 409 that says who decided first, and the decision stands', async () => {
    const reg = get(`SELECT id FROM deal_registrations WHERE customer_name = 'PT Samudra Biru Logistik' AND status = 'submitted'`)
    if (!reg) throw new Error('the seed no longer has PT Samudra Biru Logistik waiting for approval')
    const first = await server.request('/deals/approvals', { as: as.manager, form: { intent: 'reject', id: reg.id as string, reason: 'Direct account of the vendor' } })
    expect(first.status).toBe(302)
    const second = await server.request('/deals/approvals', { as: as.admin, form: { intent: 'approve', id: reg.id as string } })
    expect(second.status).toBe(409)
    const manager = get(`SELECT name FROM users WHERE email = 'manager@mitra.test'`)!.name as string
    expect(second.body).toContain(manager)
    expect(get('SELECT status FROM deal_registrations WHERE id = ?', reg.id)!.status).toBe('rejected')
  })
})
