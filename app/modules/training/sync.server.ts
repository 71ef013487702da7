import { eq, isNull } from 'drizzle-orm'
import { trainingCertifications, trainingCourses, trainingCourseVersions } from '../../../db/schema/training'
import { mutate } from '../../kit/mutate.server'
import { newId } from '../../utils/ids'
import { readCourseFiles, type CourseFile } from './course-files.server'

export type SyncReport = { added: string[]; updated: string[]; unchanged: string[]; retired: string[] }

/**
 * Loads content/courses/ into the database (seed, `npm run courses:sync`). A changed file becomes a
 * new version of its course and certification; every version is kept, so an exam started on the
 * old question bank is graded against it and the history says when the course changed. A course
 * whose file is gone is retired, never deleted: certificates issued for it stay verifiable.
 */
export async function syncCourses(opts: { dir?: string; now?: number; files?: CourseFile[] } = {}): Promise<SyncReport> {
  const files = opts.files ?? readCourseFiles(opts.dir)
  return mutate(
    null,
    (ctx) => {
      const report: SyncReport = { added: [], updated: [], unchanged: [], retired: [] }
      const seen = new Set<string>()
      const seenCerts = new Set<string>()
      for (const f of files) {
        seen.add(f.id)
        if (f.certification) seenCerts.add(f.certification.id)
        const existing = ctx.tx.select().from(trainingCourses).where(eq(trainingCourses.id, f.id)).get()
        if (existing && existing.contentHash === f.hash && existing.retiredAt === null) {
          report.unchanged.push(f.id)
          continue
        }
        const version = (existing?.version ?? 0) + 1
        const values = { version, contentHash: f.hash, position: f.position, content: f.content, retiredAt: null, updatedAt: ctx.now }
        if (existing) ctx.tx.update(trainingCourses).set(values).where(eq(trainingCourses.id, f.id)).run()
        else ctx.tx.insert(trainingCourses).values({ id: f.id, ...values, createdAt: ctx.now }).run()
        ctx.tx.insert(trainingCourseVersions).values({ id: newId(), courseId: f.id, version, contentHash: f.hash, content: f.content, certification: f.certification, createdAt: ctx.now }).run()
        if (f.certification) {
          const cert = { courseId: f.id, version, definition: f.certification, retiredAt: null, updatedAt: ctx.now }
          ctx.tx
            .insert(trainingCertifications)
            .values({ id: f.certification.id, ...cert, createdAt: ctx.now })
            .onConflictDoUpdate({ target: trainingCertifications.id, set: cert })
            .run()
        }
        ctx.audit('course', f.id, existing ? 'updated' : 'created', existing ? { version: existing.version } : null, { version, modules: f.content.modules.length, questions: f.certification?.questions.length ?? 0 })
        ;(existing ? report.updated : report.added).push(f.id)
      }
      for (const c of ctx.tx.select({ id: trainingCourses.id }).from(trainingCourses).where(isNull(trainingCourses.retiredAt)).all()) {
        if (seen.has(c.id)) continue
        ctx.tx.update(trainingCourses).set({ retiredAt: ctx.now, updatedAt: ctx.now }).where(eq(trainingCourses.id, c.id)).run()
        ctx.audit('course', c.id, 'retired', null, null)
        report.retired.push(c.id)
      }
      for (const c of ctx.tx.select({ id: trainingCertifications.id }).from(trainingCertifications).where(isNull(trainingCertifications.retiredAt)).all()) {
        if (!seenCerts.has(c.id)) ctx.tx.update(trainingCertifications).set({ retiredAt: ctx.now, updatedAt: ctx.now }).where(eq(trainingCertifications.id, c.id)).run()
      }
      return report
    },
    { now: opts.now },
  )
}
