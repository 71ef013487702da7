import { and, eq } from 'drizzle-orm'
import { trainingCertificates, trainingEnrolments } from '../../../db/schema/training'
import { mutate } from '../../kit/mutate.server'
import { db, type DbOrTx } from '../../utils/db.server'
import { NotFound } from '../../utils/errors'
import { newId } from '../../utils/ids'
import type { Actor } from '../auth/actor'
import { activeCertifications, activeCourses, assertLearner, assertReadsCatalogueRecord, assertReadsTraining, findCourse, isLearner, pick, type CourseRow } from './internal.server'

type Enrolment = typeof trainingEnrolments.$inferSelect

export function enrolmentsOf(tx: DbOrTx, userId: string): Map<string, Enrolment> {
  return new Map(tx.select().from(trainingEnrolments).where(eq(trainingEnrolments.userId, userId)).all().map((e) => [e.courseId, e]))
}

/** Modules done of the course as it is now (a module removed from the file no longer counts). */
export function progressOf(course: CourseRow, enrolment: Enrolment | undefined) {
  const done = new Set(enrolment?.completedModules ?? [])
  const total = course.content.modules.length
  const completed = course.content.modules.filter((m) => done.has(m.id)).length
  return { total, completed, enrolled: !!enrolment, finished: total > 0 && completed === total }
}

/** What the catalogue shows: courses with the reader's progress, certifications with what they require and the reader's certificate. */
export async function trainingCatalogue(actor: Actor) {
  assertReadsTraining(actor)
  const learner = isLearner(actor)
  const courses = activeCourses()
  const enrolments = learner ? enrolmentsOf(db, actor.userId) : new Map<string, Enrolment>()
  const now = Date.now()
  const held = learner
    ? db.select().from(trainingCertificates).where(and(eq(trainingCertificates.userId, actor.userId), eq(trainingCertificates.status, 'valid'))).all()
    : []
  const courseList = courses.map((c) => ({ id: c.id, title: pick(c.content.title, actor.locale), summary: pick(c.content.summary, actor.locale), ...progressOf(c, enrolments.get(c.id)) }))
  const finished = new Set(courseList.filter((c) => c.finished).map((c) => c.id))
  const certifications = activeCertifications().map((cert) => {
    const d = cert.definition
    const mine = held.find((h) => h.certificationId === cert.id && h.expiresAt > now)
    return {
      id: cert.id,
      title: pick(d.title, actor.locale),
      summary: pick(d.summary, actor.locale),
      requires: d.requires.map((id) => ({ id, title: courseList.find((c) => c.id === id)?.title ?? id, finished: finished.has(id) })),
      ready: d.requires.every((id) => finished.has(id)),
      certificate: mine ? { id: mine.id, expiresAt: mine.expiresAt } : null,
    }
  })
  return { learner, courses: courseList, certifications }
}

/** A course page: its modules with the reader's progress and the module being read, rendered in the reader's language. */
export async function coursePage(actor: Actor, courseId: string, moduleId?: string | null) {
  assertReadsCatalogueRecord(actor)
  const course = findCourse(db, courseId)
  const learner = isLearner(actor)
  const enrolment = learner ? enrolmentsOf(db, actor.userId).get(course.id) : undefined
  const done = new Set(enrolment?.completedModules ?? [])
  const modules = course.content.modules
  const current = (moduleId ? modules.find((m) => m.id === moduleId) : undefined) ?? modules.find((m) => !done.has(m.id)) ?? modules[0]
  if (moduleId && current.id !== moduleId) throw new NotFound()
  const index = modules.indexOf(current)
  return {
    id: course.id,
    title: pick(course.content.title, actor.locale),
    summary: pick(course.content.summary, actor.locale),
    learner,
    progress: progressOf(course, enrolment),
    modules: modules.map((m) => ({ id: m.id, title: pick(m.title, actor.locale), done: done.has(m.id) })),
    current: { id: current.id, title: pick(current.title, actor.locale), html: pick(current.html, actor.locale), done: done.has(current.id), next: modules[index + 1]?.id ?? null },
    certifications: activeCertifications()
      .filter((c) => c.definition.requires.includes(course.id))
      .map((c) => ({ id: c.id, title: pick(c.definition.title, actor.locale) })),
  }
}

export async function enrolInCourse(actor: Actor, courseId: string) {
  assertLearner(actor)
  findCourse(db, courseId)
  await mutate(actor, (ctx) => {
    const id = newId()
    const inserted = ctx.tx
      .insert(trainingEnrolments)
      .values({ id, userId: actor.userId, orgId: actor.orgId, courseId, completedModules: [], createdAt: ctx.now, updatedAt: ctx.now })
      .onConflictDoNothing()
      .run().changes
    if (inserted) ctx.audit('enrolment', id, 'enrolled', null, { courseId })
  })
}

/** Marks a module read (enrolling on the way); returns the next module to read, or null when the course is finished. */
export async function completeModule(actor: Actor, courseId: string, moduleId: string): Promise<{ next: string | null; finished: boolean }> {
  assertLearner(actor)
  return mutate(actor, (ctx) => {
    const course = findCourse(ctx.tx, courseId)
    const modules = course.content.modules
    const index = modules.findIndex((m) => m.id === moduleId)
    if (index < 0) throw new NotFound()
    let enrolment = enrolmentsOf(ctx.tx, actor.userId).get(courseId)
    if (!enrolment) {
      enrolment = { id: newId(), userId: actor.userId, orgId: actor.orgId, courseId, completedModules: [], completedAt: null, createdAt: ctx.now, updatedAt: ctx.now }
      ctx.tx.insert(trainingEnrolments).values(enrolment).run()
      ctx.audit('enrolment', enrolment.id, 'enrolled', null, { courseId })
    }
    const done = new Set(enrolment.completedModules)
    const wasFinished = progressOf(course, enrolment).finished
    done.add(moduleId)
    const completedModules = [...done]
    const finished = modules.every((m) => done.has(m.id))
    ctx.tx
      .update(trainingEnrolments)
      .set({ completedModules, completedAt: finished ? (enrolment.completedAt ?? ctx.now) : enrolment.completedAt, updatedAt: ctx.now })
      .where(eq(trainingEnrolments.id, enrolment.id))
      .run()
    if (finished && !wasFinished) ctx.audit('enrolment', enrolment.id, 'course_completed', null, { courseId, version: course.version })
    const next = modules.slice(index + 1).find((m) => !done.has(m.id)) ?? modules.find((m) => !done.has(m.id))
    return { next: next?.id ?? null, finished }
  })
}

/** Has this learner finished every course in the list (as the courses are now)? */
export function finishedCourses(tx: DbOrTx, userId: string, courseIds: string[]): Map<string, boolean> {
  const enrolments = enrolmentsOf(tx, userId)
  const courses = new Map(activeCourses(tx).map((c) => [c.id, c]))
  return new Map(courseIds.map((id) => [id, courses.has(id) ? progressOf(courses.get(id)!, enrolments.get(id)).finished : false]))
}
