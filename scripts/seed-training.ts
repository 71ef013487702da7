// Demo training data through the real service verbs: the courses from content/courses/, partner
// users who studied and passed (so their certificates, audit trail and tier changes are genuine),
// one certificate about to expire, and a first run of the tier engine.
import { eq } from 'drizzle-orm'
import { emailOutbox, sessions, trainingAttempts, trainingCertificates, users } from '../db/schema'
import { actorForSession } from '../app/modules/auth/require-actor.server'
import { createSession } from '../app/modules/auth/session.server'
import { readCourseFiles } from '../app/modules/training/course-files.server'
import { completeModule, evaluatePartnerTiers, startExam, submitExam, syncCourses } from '../app/modules/training/training.server'
import { DAY_MS } from '../app/utils/dates'
import { db } from '../app/utils/db.server'

export async function seedTraining() {
  process.env.MITRA_EMAIL_KICK = 'off'
  await syncCourses()
  const files = readCourseFiles()
  const actor = (email: string) => {
    const user = db.select().from(users).where(eq(users.email, email)).get()!
    const session = createSession(user.id)
    return actorForSession(session.id, user.id)!
  }
  /** Studies the required courses and passes the exam with the right answers from the course file. */
  const pass = async (email: string, certificationId: string) => {
    const learner = actor(email)
    const def = files.find((f) => f.certification?.id === certificationId)!.certification!
    for (const courseId of def.requires) for (const m of files.find((f) => f.id === courseId)!.content.modules) await completeModule(learner, courseId, m.id)
    const { attemptId } = await startExam(learner, certificationId)
    const attempt = db.select().from(trainingAttempts).where(eq(trainingAttempts.id, attemptId)).get()!
    const answers = Object.fromEntries(attempt.questionIds.map((id) => [id, def.questions.find((q) => q.id === id)!.options.filter((o) => o.correct).map((o) => o.key)]))
    return (await submitExam(learner, attemptId, answers)).certificateId!
  }
  // PT Maju Jaya Solusi: the partner admin holds the associate and sales certifications
  await pass('admin@majujaya.test', 'secureedge-associate')
  await pass('admin@majujaya.test', 'secureedge-sales')
  // CV Sinar Digital: one associate, whose certificate runs out in three weeks (reminders, "expiring soon")
  const expiring = await pass('admin@sinardigital.test', 'secureedge-associate')
  const now = Date.now()
  db.update(trainingCertificates).set({ issuedAt: now - 709 * DAY_MS, expiresAt: now + 21 * DAY_MS }).where(eq(trainingCertificates.id, expiring)).run()
  await evaluatePartnerTiers()
  db.update(emailOutbox).set({ status: 'sent', sentAt: Date.now() }).run()
  db.delete(sessions).run()
}
