import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { trainingCertificates, trainingCertifications, trainingCourses, trainingCourseVersions } from '../../../db/schema/training'
import type { DbOrTx } from '../../utils/db.server'
import { db, preparedQuery, readVia } from '../../utils/db.server'
import { NotFound } from '../../utils/errors'
import type { Locale } from '../../utils/i18n'
import { assertCan, scopeOf, type Actor } from '../auth/actor'
import type { CertificationDef, CourseContent, Lang } from './course-files.server'

// Helpers shared by the training module's own files; not part of its public verbs.

export type CourseRow = Omit<typeof trainingCourses.$inferSelect, 'content'> & { content: CourseContent }
export type CertificationRow = Omit<typeof trainingCertifications.$inferSelect, 'definition'> & { definition: CertificationDef }
export type Certificate = typeof trainingCertificates.$inferSelect

export const pick = (l: Lang, locale: Locale) => l[locale]

export function activeCourses(tx: DbOrTx = db): CourseRow[] {
  return tx.select().from(trainingCourses).where(isNull(trainingCourses.retiredAt)).orderBy(asc(trainingCourses.position), asc(trainingCourses.id)).all() as CourseRow[]
}

export function findCourse(tx: DbOrTx, id: string): CourseRow {
  const row = tx.select().from(trainingCourses).where(and(eq(trainingCourses.id, id), isNull(trainingCourses.retiredAt))).get()
  if (!row) throw new NotFound()
  return row as CourseRow
}

export function activeCertifications(tx: DbOrTx = db): CertificationRow[] {
  return tx.select().from(trainingCertifications).where(isNull(trainingCertifications.retiredAt)).orderBy(asc(trainingCertifications.id)).all() as CertificationRow[]
}

/** Certification titles by id, retired ones included (certificates outlive their course file). */
export function certificationTitles(tx: DbOrTx = db): Map<string, Lang> {
  const rows = readVia(tx, () => certificationTitlesQuery().all(), (t) => t.select(titleColumns).from(trainingCertifications).all())
  return new Map(rows.map((c) => [c.id, JSON.parse(c.title) as Lang]))
}
// only the title out of each definition (a partner home reads them; the whole question bank is ~6 KB of JSON each)
const titleColumns = { id: trainingCertifications.id, title: sql<string>`json_extract(${trainingCertifications.definition}, '$.title')` }
const certificationTitlesQuery = preparedQuery((db) => db.select(titleColumns).from(trainingCertifications).prepare())

export function findCertification(tx: DbOrTx, id: string): CertificationRow {
  const row = tx.select().from(trainingCertifications).where(and(eq(trainingCertifications.id, id), isNull(trainingCertifications.retiredAt))).get()
  if (!row) throw new NotFound()
  return row as CertificationRow
}

/** The certification as it was at a version (an attempt is graded against the bank it was drawn from). */
export function certificationAt(tx: DbOrTx, cert: CertificationRow, version: number): CertificationDef {
  if (cert.version === version) return cert.definition
  const old = tx.select().from(trainingCourseVersions).where(and(eq(trainingCourseVersions.courseId, cert.courseId), eq(trainingCourseVersions.version, version))).get()
  return (old?.certification as CertificationDef | null) ?? cert.definition
}

/** Anyone who may read the catalogue: partner users and vendor staff; suppliers get 403. */
export function assertReadsTraining(actor: Actor) {
  assertCan(actor, 'read:training')
}

/** A course or exam of the catalogue: someone without the catalogue (a supplier) is told it does not exist (404). */
export function assertReadsCatalogueRecord(actor: Actor) {
  assertCan(actor, 'read:training', { orgId: actor.orgId })
}

/** Partner users and admins take courses and exams for themselves. */
export function assertLearner(actor: Actor) {
  assertReadsCatalogueRecord(actor)
  assertCan(actor, 'take:training')
}

export const isLearner = (actor: Actor) => scopeOf(actor, 'take:training') !== null

/** A certificate the actor may see (their own, their organisation's, or any for vendor staff), else NotFound. */
export function findCertificateFor(tx: DbOrTx, actor: Actor, id: string): Certificate {
  const row = tx.select().from(trainingCertificates).where(eq(trainingCertificates.id, id)).get()
  if (!row) throw new NotFound()
  assertCan(actor, 'read:certificate', { orgId: row.orgId, userId: row.userId })
  return row
}

/** Months later on the calendar (UTC), for validity periods. */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms)
  d.setUTCMonth(d.getUTCMonth() + months)
  return d.getTime()
}

export const certificateLink = (id: string) => `/training/certificates/${id}`
export const examLink = (certificationId: string) => `/training/exams/${certificationId}`
