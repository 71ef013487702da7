import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { auditLog, notifications, organisations, trainingAttempts, trainingCertificates, trainingCourseVersions, trainingTierChanges } from '../../../db/schema'
import { makeActor, makeOpportunity, makeOrg, makePipeline } from '../../../tests/factories'
import { pdfText } from '../../../tests/helpers/pdf-text'
import { DAY_MS } from '../../utils/dates'
import { db } from '../../utils/db.server'
import { Forbidden, InvalidTransition, NotFound, ValidationFailed } from '../../utils/errors'
import { historyFor } from '../audit/audit.history.server'
import type { Actor } from '../auth/actor'
import { parseCourseFile, readCourseFiles, type CertificationDef } from './course-files.server'
import { decideTier, qualifyingTier, DEFAULT_TIER_RULES } from './tiers.server'
import {
  certificatePdf,
  certificationsOf,
  certifiedPeople,
  completeModule,
  coursePage,
  evaluatePartnerTiers,
  examPage,
  expireCertificates,
  getCertificate,
  grantCertificate,
  revokeCertificate,
  sendCertificateReminders,
  startExam,
  submitExam,
  syncCourses,
  tierProgressFor,
  trainingCatalogue,
  updateTierRules,
  verifyCertificate,
} from './training.server'

const files = readCourseFiles()
const defs = new Map(files.flatMap((f) => (f.certification ? [[f.certification.id, f.certification] as const] : [])))
const ASSOCIATE = 'secureedge-associate'
const SALES = 'secureedge-sales'

/** The right answers for the questions drawn, read from the course file (the test plays a learner who studied). */
function rightAnswers(def: CertificationDef, questionIds: string[]) {
  return Object.fromEntries(questionIds.map((id) => [id, def.questions.find((q) => q.id === id)!.options.filter((o) => o.correct).map((o) => o.key)]))
}
function wrongAnswers(def: CertificationDef, questionIds: string[]) {
  return Object.fromEntries(questionIds.map((id) => [id, [def.questions.find((q) => q.id === id)!.options.find((o) => !o.correct)!.key]]))
}

async function finishCourse(actor: Actor, courseId: string) {
  const course = files.find((f) => f.id === courseId)!
  for (const m of course.content.modules) await completeModule(actor, courseId, m.id)
}

async function passExam(actor: Actor, certificationId: string) {
  for (const c of defs.get(certificationId)!.requires) await finishCourse(actor, c)
  const { attemptId } = await startExam(actor, certificationId)
  const attempt = db.select().from(trainingAttempts).where(eq(trainingAttempts.id, attemptId)).get()!
  return submitExam(actor, attemptId, rightAnswers(defs.get(certificationId)!, attempt.questionIds))
}

beforeAll(async () => {
  await syncCourses()
})

describe('courses as content', () => {
  it('ships three bilingual courses with real question banks, rendered without raw HTML', () => {
    expect(files.map((f) => f.id)).toEqual(['product-fundamentals', 'selling-the-solution', 'technical-deployment'])
    for (const f of files) {
      expect(f.certification!.questions.length).toBeGreaterThanOrEqual(f.certification!.questionCount)
      for (const m of f.content.modules) expect(m.html.en).not.toEqual(m.html.id)
    }
    const evil = parseCourseFile(`---\nid: x\ntitle: {en: X, id: X}\nsummary: {en: X, id: X}\nmodules: [{id: m, title: {en: M, id: M}}]\n---\n::: module m en\nHi <script>alert(1)</script> <img src=x onerror=alert(1)>\n::: module m id\nHai\n`)
    expect(evil.content.modules[0].html.en).not.toContain('<script')
    expect(evil.content.modules[0].html.en).not.toContain('<img')
    expect(() => parseCourseFile(`---\nid: x\ntitle: {en: X, id: X}\nsummary: {en: X, id: X}\nmodules: [{id: m, title: {en: M, id: M}}]\n---\n::: module m en\nHi\n`)).toThrow(/no id section/)
  })

  it('keeps every version when a course file changes, and retires a course whose file is gone', async () => {
    const again = await syncCourses()
    expect(again.unchanged).toHaveLength(3)
    const changed = files.map((f) => (f.id === 'selling-the-solution' ? { ...f, hash: 'changed', content: { ...f.content, summary: { en: 'New summary', id: 'Ringkasan baru' } } } : f))
    const report = await syncCourses({ files: changed })
    expect(report.updated).toEqual(['selling-the-solution'])
    const versions = db.select().from(trainingCourseVersions).where(eq(trainingCourseVersions.courseId, 'selling-the-solution')).all()
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2])
    const retired = await syncCourses({ files: changed.filter((f) => f.id !== 'technical-deployment') })
    expect(retired.retired).toEqual(['technical-deployment'])
    await syncCourses() // back to the files as shipped
    const learner = await makeActor({ role: 'partner_user' })
    expect((await trainingCatalogue(learner)).courses.map((c) => c.id)).toContain('technical-deployment')
  })
})

describe('learning', () => {
  it('saves module progress and shows the course in the reader language', async () => {
    const learner = await makeActor({ role: 'partner_user' })
    const step = await completeModule(learner, 'product-fundamentals', 'what-it-is')
    expect(step).toEqual({ next: 'components', finished: false })
    const page = await coursePage(learner, 'product-fundamentals')
    expect(page.progress).toMatchObject({ completed: 1, total: 3, enrolled: true })
    expect(page.current.id).toBe('components')
    expect(page.current.html).toContain('SE-100')
    await expect(coursePage(learner, 'product-fundamentals', 'no-such-module')).rejects.toThrow(NotFound)
    await expect(coursePage(learner, 'no-such-course')).rejects.toThrow(NotFound)
  })

  it('refuses suppliers the catalogue and vendor staff the learner verbs', async () => {
    const supplier = await makeActor({ role: 'supplier_user' })
    await expect(trainingCatalogue(supplier)).rejects.toThrow(Forbidden)
    const manager = await makeActor({ role: 'partner_manager' })
    expect((await trainingCatalogue(manager)).learner).toBe(false)
    await expect(completeModule(manager, 'product-fundamentals', 'what-it-is')).rejects.toThrow(Forbidden)
  })
})

describe('exams', () => {
  it('refuses the exam before the courses are finished', async () => {
    const learner = await makeActor({ role: 'partner_user' })
    await expect(startExam(learner, ASSOCIATE)).rejects.toThrow(ValidationFailed)
  })

  it('draws the questions in random order and never sends the answer key to the page', async () => {
    const learner = await makeActor({ role: 'partner_user' })
    await finishCourse(learner, 'product-fundamentals')
    const orders = new Set<string>()
    const { attemptId } = await startExam(learner, ASSOCIATE)
    const page = await examPage(learner, ASSOCIATE)
    expect(page.attempt!.id).toBe(attemptId)
    expect(page.attempt!.questions).toHaveLength(8)
    const json = JSON.stringify(page)
    expect(json).not.toMatch(/"correct"/)
    // starting again reopens the same attempt rather than drawing a new one
    expect((await startExam(learner, ASSOCIATE)).attemptId).toBe(attemptId)
    orders.add(page.attempt!.questions.map((q) => q.id).join())
    for (let i = 0; i < 4; i++) {
      const other = await makeActor({ role: 'partner_user' })
      await finishCourse(other, 'product-fundamentals')
      await startExam(other, ASSOCIATE)
      orders.add((await examPage(other, ASSOCIATE)).attempt!.questions.map((q) => q.id).join())
    }
    expect(orders.size).toBeGreaterThan(1)
  })

  it('grades on the server, shows what was wrong without the key, and enforces the cool-down and the attempt limit', async () => {
    const learner = await makeActor({ role: 'partner_user' })
    await finishCourse(learner, 'product-fundamentals')
    const def = defs.get(ASSOCIATE)!
    const { attemptId } = await startExam(learner, ASSOCIATE)
    const attempt = db.select().from(trainingAttempts).where(eq(trainingAttempts.id, attemptId)).get()!
    const answers = rightAnswers(def, attempt.questionIds)
    // two wrong: 6 of 8 = 75% ≥ 70
    const [q1, q2, q3] = attempt.questionIds
    const wrong = wrongAnswers(def, attempt.questionIds)
    const result = await submitExam(learner, attemptId, { ...answers, [q1]: wrong[q1], [q2]: wrong[q2], [q3]: wrong[q3] })
    expect(result).toMatchObject({ passed: false, scorePct: 63 })
    await expect(submitExam(learner, attemptId, answers)).rejects.toThrow(InvalidTransition)
    const page = await examPage(learner, ASSOCIATE)
    expect(page.result!.items.filter((i) => !i.right).map((i) => i.id).sort()).toEqual([q1, q2, q3].sort())
    expect(JSON.stringify(page)).not.toMatch(/"correct"/)
    const wrongItem = page.result!.items.find((i) => i.id === q1)!
    // the learner's own (wrong) choice is shown, never the right one
    const rightLabel = def.questions.find((q) => q.id === q1)!.options.find((o) => o.correct)!.en
    expect(wrongItem.chosen).not.toContain(rightLabel)
    expect(page.state!.block).toBe('coolingDown')
    await expect(startExam(learner, ASSOCIATE)).rejects.toThrow(ValidationFailed)

    // after the cool-down: two more failed attempts use up the three allowed
    const hours = def.cooldownHours * 3_600_000
    db.update(trainingAttempts).set({ startedAt: Date.now() - 2 * hours, submittedAt: Date.now() - 2 * hours }).where(eq(trainingAttempts.id, attemptId)).run()
    const second = await startExam(learner, ASSOCIATE)
    await submitExam(learner, second.attemptId, {})
    db.update(trainingAttempts).set({ submittedAt: Date.now() - 2 * hours }).where(eq(trainingAttempts.id, second.attemptId)).run()
    const third = await startExam(learner, ASSOCIATE)
    await submitExam(learner, third.attemptId, {})
    db.update(trainingAttempts).set({ submittedAt: Date.now() - 2 * hours }).where(eq(trainingAttempts.id, third.attemptId)).run()
    expect((await examPage(learner, ASSOCIATE)).state!.block).toBe('noAttemptsLeft')
    await expect(startExam(learner, ASSOCIATE)).rejects.toThrow(ValidationFailed)
  })

  it('scores nothing for answers submitted after the time limit', async () => {
    const learner = await makeActor({ role: 'partner_user' })
    await finishCourse(learner, 'product-fundamentals')
    const { attemptId } = await startExam(learner, ASSOCIATE)
    const attempt = db.select().from(trainingAttempts).where(eq(trainingAttempts.id, attemptId)).get()!
    db.update(trainingAttempts).set({ deadlineAt: Date.now() - 60_000 }).where(eq(trainingAttempts.id, attemptId)).run()
    const r = await submitExam(learner, attemptId, rightAnswers(defs.get(ASSOCIATE)!, attempt.questionIds))
    expect(r).toMatchObject({ passed: false, scorePct: 0 })
  })

  it('another learner cannot submit or read someone else’s attempt', async () => {
    const a = await makeActor({ role: 'partner_user' })
    const b = await makeActor({ role: 'partner_user', orgId: a.orgId })
    await finishCourse(a, 'product-fundamentals')
    const { attemptId } = await startExam(a, ASSOCIATE)
    await expect(submitExam(b, attemptId, {})).rejects.toThrow(NotFound)
    await expect(examPage(b, ASSOCIATE, { resultId: attemptId })).rejects.toThrow(NotFound)
  })
})

describe('certificates', () => {
  it('passing issues a certificate with a validity period and a unique code, verifiable in public, with a PDF in the holder language', async () => {
    const learner = await makeActor({ role: 'partner_user' })
    const r = await passExam(learner, ASSOCIATE)
    expect(r.passed).toBe(true)
    const cert = await getCertificate(learner, r.certificateId!)
    expect(cert.status).toBe('valid')
    expect(cert.expiresAt - cert.issuedAt).toBeGreaterThan(729 * DAY_MS)
    expect(cert.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    const v = await verifyCertificate(cert.code.toLowerCase())
    expect(v).toMatchObject({ found: true, holderName: learner.name, status: 'valid' })
    const pdf = await certificatePdf(learner, r.certificateId!, { compress: false })
    const text = pdfText(pdf.bytes)
    expect(text).toContain(learner.name)
    expect(text).toContain('SecureEdge Certified Associate')
    expect(text).toContain(cert.code)
    expect(text).toContain('Certificate of achievement') // makeUser's locale is en
    expect(db.select().from(notifications).where(eq(notifications.recipientId, learner.userId)).all().map((n) => n.kind)).toContain('certificate_issued')
  })

  it('answers a miss the same way whatever the code, so codes cannot be enumerated', async () => {
    const shapes = await Promise.all(['', 'x', 'AAAA-AAAA-AAAA', '../../etc', 'ZZZZZZZZZZZZZZZZZZZZ'].map((c) => verifyCertificate(c)))
    for (const s of shapes) expect(s).toEqual({ found: false })
  })

  it('keeps other organisations out (404) and the holder’s reason-free view; managers grant and revoke with a reason, audited', async () => {
    const learner = await makeActor({ role: 'partner_user' })
    const colleague = await makeActor({ role: 'partner_user', orgId: learner.orgId })
    const partnerAdmin = await makeActor({ role: 'partner_admin', orgId: learner.orgId })
    const stranger = await makeActor({ role: 'partner_admin' })
    const manager = await makeActor({ role: 'partner_manager' })
    const granted = await grantCertificate(manager, { email: learner.email, certificationId: SALES, reason: 'Passed the classroom course in Surabaya' })
    await expect(getCertificate(stranger, granted.id)).rejects.toThrow(NotFound)
    await expect(certificatePdf(stranger, granted.id)).rejects.toThrow(NotFound)
    await expect(getCertificate(colleague, granted.id)).rejects.toThrow(NotFound) // partner users see their own only
    expect((await getCertificate(partnerAdmin, granted.id)).reason).toBeNull()
    expect((await getCertificate(manager, granted.id)).reason).toContain('Surabaya')
    await expect(revokeCertificate(partnerAdmin, granted.id, 'no')).rejects.toThrow(Forbidden)
    await expect(grantCertificate(manager, { email: manager.email, certificationId: SALES, reason: 'x' })).rejects.toThrow(ValidationFailed)
    await revokeCertificate(manager, granted.id, 'Shared exam answers')
    await expect(revokeCertificate(manager, granted.id, 'again')).rejects.toThrow(/alreadyRevoked/)
    expect((await verifyCertificate((await getCertificate(manager, granted.id)).code)) as { status: string }).toMatchObject({ status: 'revoked' })
    const partnerHistory = await historyFor(partnerAdmin, 'certificate', granted.id)
    expect(partnerHistory.map((h) => h.text).join(' ')).not.toContain('Shared exam answers')
    const managerHistory = await historyFor(manager, 'certificate', granted.id)
    expect(managerHistory.map((h) => h.text).join(' ')).toContain('Shared exam answers')
    const audit = db.select().from(auditLog).where(eq(auditLog.entityId, granted.id)).all().map((a) => a.action)
    expect(audit).toEqual(expect.arrayContaining(['granted', 'revoked']))
    expect((await certificationsOf(partnerAdmin, learner.orgId)).rows.map((r) => r.status)).toEqual(['revoked'])
    await expect(certificationsOf(stranger, learner.orgId)).rejects.toThrow(NotFound)
  })

  it('expiry job expires, reminders go 60, 30 and 7 days before, each once; certifiedPeople counts at a time', async () => {
    const learner = await makeActor({ role: 'partner_user' })
    const r = await passExam(learner, ASSOCIATE)
    const now = Date.now()
    const set = (expiresAt: number) => db.update(trainingCertificates).set({ expiresAt }).where(eq(trainingCertificates.id, r.certificateId!)).run()
    set(now + 59 * DAY_MS)
    expect((await sendCertificateReminders(now)).reminders).toBeGreaterThanOrEqual(1)
    const mine = () => db.select().from(notifications).where(eq(notifications.recipientId, learner.userId)).all().filter((n) => n.kind === 'certificate_expiring').length
    expect(mine()).toBe(1)
    await sendCertificateReminders(now)
    expect(mine()).toBe(1)
    set(now + 29 * DAY_MS)
    await sendCertificateReminders(now)
    set(now + 6 * DAY_MS)
    await sendCertificateReminders(now)
    expect(mine()).toBe(3)
    expect(await certifiedPeople(learner.orgId, now)).toBe(1)
    expect(await certifiedPeople(learner.orgId, now + 7 * DAY_MS)).toBe(0)
    expect(await certifiedPeople(learner.orgId, now - DAY_MS)).toBe(0)
    set(now - 1000)
    expect((await expireCertificates(now)).expired).toBeGreaterThanOrEqual(1)
    expect((await getCertificate(learner, r.certificateId!)).status).toBe('expired')
    expect((await expireCertificates(now)).expired).toBe(0)
    // recertification: the exam opens again
    expect((await examPage(learner, ASSOCIATE)).state!.block).toBeNull()
  })
})

describe('tier engine', () => {
  it('picks the highest tier whose criteria are all met; upgrades at once, downgrades after the grace period', () => {
    const m = (associate: number, sales: number, revenueMinor: number) => ({ people: new Map([[ASSOCIATE, associate], [SALES, sales], ['*', associate]]), revenueMinor })
    expect(qualifyingTier(DEFAULT_TIER_RULES, m(0, 0, 0))).toBe('registered')
    expect(qualifyingTier(DEFAULT_TIER_RULES, m(1, 0, 5e9))).toBe('silver')
    expect(qualifyingTier(DEFAULT_TIER_RULES, m(1, 1, 1e9))).toBe('gold')
    expect(qualifyingTier(DEFAULT_TIER_RULES, m(2, 1, 2e9))).toBe('platinum')
    const grace = 30 * DAY_MS
    expect(decideTier('silver', null, 'gold', 0, grace)).toEqual({ kind: 'change', to: 'gold' })
    expect(decideTier('gold', null, 'silver', 1000, grace)).toEqual({ kind: 'pending', to: 'silver', since: 1000, fresh: true })
    expect(decideTier('gold', { tier: 'silver', since: 1000 }, 'silver', 1000 + grace - 1, grace)).toMatchObject({ kind: 'pending', fresh: false })
    expect(decideTier('gold', { tier: 'silver', since: 1000 }, 'silver', 1000 + grace, grace)).toEqual({ kind: 'change', to: 'silver' })
    expect(decideTier('gold', { tier: 'silver', since: 1000 }, 'gold', 5000, grace)).toEqual({ kind: 'clear' })
  })

  it('raises a partner when a certificate and revenue meet the criteria, with reasons, and shows the way to the next tier', async () => {
    const partnerAdmin = await makeActor({ role: 'partner_admin' })
    const orgId = partnerAdmin.orgId
    const pipeline = makePipeline()
    const { makeAccount } = await import('../../../tests/factories')
    const account = makeAccount()
    makeOpportunity({ accountId: account.id, pipeline, stageIndex: 4, source: 'partner', partnerOrgId: orgId, amountMinor: 400_000_000 })
    // an old win outside the trailing twelve months does not count
    makeOpportunity({ accountId: account.id, pipeline, stageIndex: 4, source: 'partner', partnerOrgId: orgId, amountMinor: 5_000_000_000, updatedAt: Date.now() - 400 * DAY_MS })
    let progress = (await tierProgressFor(partnerAdmin, orgId))!
    expect(progress).toMatchObject({ tier: 'registered', next: 'silver' })
    expect(progress.criteria[0]).toMatchObject({ kind: 'certified', have: 0, need: 1, met: false })
    await passExam(partnerAdmin, ASSOCIATE)
    const tier = () => db.select().from(organisations).where(eq(organisations.id, orgId)).get()!.tier
    expect(tier()).toBe('silver')
    await passExam(partnerAdmin, SALES)
    expect(tier()).toBe('gold')
    progress = (await tierProgressFor(partnerAdmin, orgId))!
    expect(progress.next).toBe('platinum')
    expect(progress.criteria.find((c) => c.kind === 'revenue')).toMatchObject({ have: 400_000_000, need: 500_000_000, met: false })
    expect(progress.lastChange).toMatchObject({ from: 'silver', to: 'gold' })
    const changes = db.select().from(trainingTierChanges).where(eq(trainingTierChanges.orgId, orgId)).all()
    expect(changes.map((c) => c.toTier).sort()).toEqual(['gold', 'silver'])
    expect(db.select().from(notifications).where(eq(notifications.recipientId, partnerAdmin.userId)).all().map((n) => n.kind)).toContain('tier_upgraded')
    const stranger = await makeActor({ role: 'partner_user' })
    await expect(tierProgressFor(stranger, orgId)).rejects.toThrow(NotFound)
  })

  it('the job downgrades only after the grace period, and the admin’s rules re-evaluate every partner', async () => {
    const org = makeOrg({ kind: 'partner', tier: 'gold' })
    const member = await makeActor({ role: 'partner_admin', orgId: org.id })
    const now = Date.now()
    await evaluatePartnerTiers(now)
    const tier = () => db.select().from(organisations).where(eq(organisations.id, org.id)).get()!.tier
    expect(tier()).toBe('gold')
    expect(db.select().from(notifications).where(eq(notifications.recipientId, member.userId)).all().map((n) => n.kind)).toContain('tier_at_risk')
    await evaluatePartnerTiers(now + 29 * DAY_MS)
    expect(tier()).toBe('gold')
    await evaluatePartnerTiers(now + 31 * DAY_MS)
    expect(tier()).toBe('registered')
    const change = db.select().from(trainingTierChanges).where(eq(trainingTierChanges.orgId, org.id)).get()!
    expect(change).toMatchObject({ fromTier: 'gold', toTier: 'registered' })
    expect((change.reasons as { met: boolean }[]).every((r) => !r.met)).toBe(true)

    const admin = await makeActor({ role: 'admin' })
    await expect(updateTierRules(member, { graceDays: 1, rules: { silver: [], gold: [], platinum: [] } })).rejects.toThrow(Forbidden)
    // silver for everyone: the partner rises when the admin saves
    await updateTierRules(admin, { graceDays: 10, rules: { silver: [], gold: [{ kind: 'revenue', amountMinor: 1 }], platinum: [{ kind: 'revenue', amountMinor: 2 }] } })
    expect(tier()).toBe('silver')
  })
})
