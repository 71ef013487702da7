import { createHash, randomInt } from 'node:crypto'
import { and, desc, eq, gt } from 'drizzle-orm'
import { trainingAttempts, trainingCertificates } from '../../../db/schema/training'
import { mutate } from '../../kit/mutate.server'
import { DAY_MS } from '../../utils/dates'
import { db, type DbOrTx } from '../../utils/db.server'
import { InvalidTransition, NotFound, ValidationFailed } from '../../utils/errors'
import { newId } from '../../utils/ids'
import type { Locale } from '../../utils/i18n'
import type { Actor } from '../auth/actor'
import { issueCertificate } from './certificates.server'
import type { CertificationDef, Question } from './course-files.server'
import { assertLearner, assertReadsCatalogueRecord, certificationAt, findCertification, isLearner, pick, type CertificationRow } from './internal.server'
import { finishedCourses } from './learning.server'
import { reevaluateTier } from './tiers.server'

type Attempt = typeof trainingAttempts.$inferSelect

/** A submission this long after the time limit still counts (the network, a slow click); later ones score nothing. */
export const SUBMIT_GRACE_MS = 30_000
/** A holder may recertify in the last days of a certificate's validity. */
export const RECERTIFY_WINDOW_MS = 60 * DAY_MS
const HOUR_MS = 3_600_000

export type ExamBlock = 'coursesMissing' | 'holdsValid' | 'noAttemptsLeft' | 'coolingDown'

/** Where a learner stands with an exam: attempts used since their last certificate, an open attempt, what blocks a new one. */
export function examState(tx: DbOrTx, userId: string, cert: CertificationRow, now: number) {
  const def = cert.definition
  const finished = finishedCourses(tx, userId, def.requires)
  const certificates = tx.select().from(trainingCertificates).where(and(eq(trainingCertificates.userId, userId), eq(trainingCertificates.certificationId, cert.id))).orderBy(desc(trainingCertificates.issuedAt)).all()
  const valid = certificates.find((c) => c.status === 'valid' && c.expiresAt > now) ?? null
  const since = certificates[0]?.issuedAt ?? 0
  const attempts = tx.select().from(trainingAttempts).where(and(eq(trainingAttempts.userId, userId), eq(trainingAttempts.certificationId, cert.id), gt(trainingAttempts.startedAt, since))).orderBy(desc(trainingAttempts.startedAt)).all()
  const open = attempts.find((a) => a.submittedAt === null && now <= a.deadlineAt + SUBMIT_GRACE_MS) ?? null
  const last = attempts.find((a) => a !== open) ?? null
  const lastClosedAt = last ? (last.submittedAt ?? last.deadlineAt) : 0
  const coolingUntil = last && !last.passed ? lastClosedAt + def.cooldownHours * HOUR_MS : 0
  let block: ExamBlock | null = null
  if (![...finished.values()].every(Boolean)) block = 'coursesMissing'
  else if (valid && valid.expiresAt - now > RECERTIFY_WINDOW_MS) block = 'holdsValid'
  else if (attempts.length >= def.maxAttempts) block = 'noAttemptsLeft'
  else if (coolingUntil > now) block = 'coolingDown'
  return { finished, valid, attemptsUsed: attempts.length, attemptsLeft: Math.max(0, def.maxAttempts - attempts.length), open, block: open ? null : block, coolingUntil }
}

/** Right or wrong per question, and the score: a question is right when exactly its correct options are chosen. */
export function gradeAnswers(def: CertificationDef, questionIds: string[], answers: Record<string, string[]>) {
  const bank = new Map(def.questions.map((q) => [q.id, q]))
  const outcome: Record<string, boolean> = {}
  let right = 0
  for (const id of questionIds) {
    const q = bank.get(id)
    const chosen = new Set(answers[id] ?? [])
    const correct = new Set(q?.options.filter((o) => o.correct).map((o) => o.key) ?? [])
    const ok = !!q && chosen.size === correct.size && [...chosen].every((k) => correct.has(k))
    outcome[id] = ok
    if (ok) right++
  }
  const scorePct = questionIds.length ? Math.round((100 * right) / questionIds.length) : 0
  return { outcome, right, scorePct, passed: scorePct >= def.passMark }
}

/** Options in an order fixed per attempt, so the key's position teaches nothing across retakes. */
function optionsFor(q: Question, attemptId: string, locale: Locale) {
  const rank = (key: string) => createHash('sha256').update(`${attemptId}:${q.id}:${key}`).digest('hex')
  return [...q.options].sort((a, b) => rank(a.key).localeCompare(rank(b.key))).map((o) => ({ key: o.key, label: o[locale] }))
}

/** A question as the browser may see it: text and option labels, never which is correct. */
function questionForPage(q: Question, attemptId: string, locale: Locale) {
  return { id: q.id, type: q.type, text: pick(q.text, locale), options: optionsFor(q, attemptId, locale) }
}

function resultOf(attempt: Attempt, def: CertificationDef, locale: Locale) {
  const bank = new Map(def.questions.map((q) => [q.id, q]))
  const answers = attempt.answers ?? {}
  return {
    id: attempt.id,
    at: attempt.submittedAt ?? attempt.deadlineAt,
    scorePct: attempt.scorePct ?? 0,
    passed: !!attempt.passed,
    late: attempt.late || attempt.submittedAt === null,
    // what the learner chose and whether it was right; the key itself stays on the server
    items: attempt.questionIds.flatMap((id) => {
      const q = bank.get(id)
      if (!q) return []
      const chosen = new Set(answers[id] ?? [])
      return [{ id, text: pick(q.text, locale), chosen: q.options.filter((o) => chosen.has(o.key)).map((o) => o[locale]), right: !!attempt.outcome?.[id] }]
    }),
  }
}

/** The exam page: the certification's rules, where the reader stands, the open attempt's questions, and a result. */
export async function examPage(actor: Actor, certificationId: string, opts: { resultId?: string | null; now?: number } = {}) {
  assertReadsCatalogueRecord(actor)
  const now = opts.now ?? Date.now()
  const cert = findCertification(db, certificationId)
  const def = cert.definition
  const learner = isLearner(actor)
  const state = learner ? examState(db, actor.userId, cert, now) : null
  let result = null
  if (learner) {
    const row = opts.resultId
      ? db.select().from(trainingAttempts).where(and(eq(trainingAttempts.id, opts.resultId), eq(trainingAttempts.userId, actor.userId), eq(trainingAttempts.certificationId, cert.id))).get()
      : db.select().from(trainingAttempts).where(and(eq(trainingAttempts.userId, actor.userId), eq(trainingAttempts.certificationId, cert.id))).orderBy(desc(trainingAttempts.startedAt)).limit(5).all().find((a) => a.submittedAt !== null || now > a.deadlineAt + SUBMIT_GRACE_MS)
    if (opts.resultId && !row) throw new NotFound()
    if (row && (row.submittedAt !== null || now > row.deadlineAt + SUBMIT_GRACE_MS)) result = resultOf(row, certificationAt(db, cert, row.certificationVersion), actor.locale)
  }
  const open = state?.open
  const openDef = open ? certificationAt(db, cert, open.certificationVersion) : null
  return {
    id: cert.id,
    title: pick(def.title, actor.locale),
    summary: pick(def.summary, actor.locale),
    rules: { passMark: def.passMark, timeLimitMinutes: def.timeLimitMinutes, questionCount: def.questionCount, maxAttempts: def.maxAttempts, cooldownHours: def.cooldownHours, validityMonths: def.validityMonths },
    learner,
    state: state && {
      requires: def.requires.map((id) => ({ id, finished: state.finished.get(id) ?? false })),
      attemptsUsed: state.attemptsUsed,
      attemptsLeft: state.attemptsLeft,
      block: state.block,
      coolingUntil: state.coolingUntil,
      certificate: state.valid ? { id: state.valid.id, expiresAt: state.valid.expiresAt } : null,
    },
    attempt:
      open && openDef
        ? {
            id: open.id,
            deadlineAt: open.deadlineAt,
            questions: open.questionIds.flatMap((id) => {
              const q = openDef.questions.find((x) => x.id === id)
              return q ? [questionForPage(q, open.id, actor.locale)] : []
            }),
          }
        : null,
    result,
  }
}

/** Starts an attempt: questions drawn from the bank in random order. Reopens the attempt already running, if any. */
export async function startExam(actor: Actor, certificationId: string): Promise<{ attemptId: string }> {
  assertLearner(actor)
  return mutate(actor, (ctx) => {
    const cert = findCertification(ctx.tx, certificationId)
    const state = examState(ctx.tx, actor.userId, cert, ctx.now)
    if (state.open) return { attemptId: state.open.id }
    if (state.block) throw new ValidationFailed('exam', `training.block.${state.block}`)
    const def = cert.definition
    const bank = def.questions.map((q) => q.id)
    for (let i = bank.length - 1; i > 0; i--) {
      const j = randomInt(i + 1)
      ;[bank[i], bank[j]] = [bank[j], bank[i]]
    }
    const attempt = { id: newId(), userId: actor.userId, orgId: actor.orgId, certificationId: cert.id, certificationVersion: cert.version, questionIds: bank.slice(0, def.questionCount), startedAt: ctx.now, deadlineAt: ctx.now + def.timeLimitMinutes * 60_000 }
    ctx.tx.insert(trainingAttempts).values(attempt).run()
    ctx.audit('exam_attempt', attempt.id, 'started', null, { certificationId: cert.id, questions: attempt.questionIds.length })
    return { attemptId: attempt.id }
  })
}

/** Grades an attempt on the server. Passing issues the certificate and re-evaluates the partner's tier in the same transaction. */
export async function submitExam(actor: Actor, attemptId: string, answers: Record<string, string[]>): Promise<{ attemptId: string; certificationId: string; passed: boolean; scorePct: number; certificateId: string | null }> {
  assertLearner(actor)
  return mutate(actor, (ctx) => {
    const attempt = ctx.tx.select().from(trainingAttempts).where(and(eq(trainingAttempts.id, attemptId), eq(trainingAttempts.userId, actor.userId))).get()
    if (!attempt) throw new NotFound()
    if (attempt.submittedAt !== null) throw new InvalidTransition('submitted', 'submit', { key: 'training.errors.alreadySubmitted', params: {} })
    const cert = findCertification(ctx.tx, attempt.certificationId)
    const def = certificationAt(ctx.tx, cert, attempt.certificationVersion)
    const late = ctx.now > attempt.deadlineAt + SUBMIT_GRACE_MS
    const kept = Object.fromEntries(attempt.questionIds.map((id) => [id, (answers[id] ?? []).slice(0, 8)]))
    const graded = late ? { ...gradeAnswers(def, attempt.questionIds, {}), passed: false, scorePct: 0 } : gradeAnswers(def, attempt.questionIds, kept)
    ctx.tx
      .update(trainingAttempts)
      .set({ submittedAt: ctx.now, answers: kept, outcome: graded.outcome, scorePct: graded.scorePct, passed: graded.passed, late })
      .where(eq(trainingAttempts.id, attempt.id))
      .run()
    ctx.audit('exam_attempt', attempt.id, graded.passed ? 'passed' : 'failed', null, { certificationId: cert.id, scorePct: graded.scorePct, passMark: def.passMark, late })
    let certificateId: string | null = null
    if (graded.passed) {
      certificateId = issueCertificate(ctx, { userId: actor.userId, orgId: actor.orgId, certification: cert, source: 'exam', attemptId: attempt.id, reason: null }).id
      reevaluateTier(ctx, actor.orgId)
    }
    return { attemptId: attempt.id, certificationId: cert.id, passed: graded.passed, scorePct: graded.scorePct, certificateId }
  })
}
