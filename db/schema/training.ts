import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, id, updatedAt } from './_columns'
import { organisations, users } from './orgs'
import { CERTIFICATE_STATUSES, TIERS } from '../../app/modules/training/training.machine'

/** A course as loaded from content/courses/<id>.md; its id is the file's `id`, stable across edits. */
export const trainingCourses = sqliteTable('training_courses', {
  id: text('id').primaryKey(),
  version: integer('version').notNull(),
  contentHash: text('content_hash').notNull(),
  position: integer('position').notNull().default(0),
  // { title: {en,id}, summary: {en,id}, modules: [{ id, title: {en,id}, html: {en,id} }] }
  content: text('content', { mode: 'json' }).notNull(),
  retiredAt: integer('retired_at'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
})

/** Every version a course has had: a change to a file keeps what learners studied before. */
export const trainingCourseVersions = sqliteTable(
  'training_course_versions',
  {
    id: id(),
    courseId: text('course_id').notNull(),
    version: integer('version').notNull(),
    contentHash: text('content_hash').notNull(),
    content: text('content', { mode: 'json' }).notNull(),
    certification: text('certification', { mode: 'json' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('training_course_versions_idx').on(t.courseId, t.version)],
)

/** A certification: the courses it requires and its exam (settings and question bank, answers included: server only). */
export const trainingCertifications = sqliteTable('training_certifications', {
  id: text('id').primaryKey(),
  courseId: text('course_id').notNull(),
  version: integer('version').notNull(),
  // { title: {en,id}, summary: {en,id}, requires: string[], passMark, timeLimitMinutes, maxAttempts, cooldownHours, questionCount, validityMonths, questions: [...] }
  definition: text('definition', { mode: 'json' }).notNull(),
  retiredAt: integer('retired_at'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
})

export const trainingEnrolments = sqliteTable(
  'training_enrolments',
  {
    id: id(),
    userId: text('user_id').notNull().references(() => users.id),
    orgId: text('org_id').notNull().references(() => organisations.id),
    courseId: text('course_id').notNull(),
    completedModules: text('completed_modules', { mode: 'json' }).$type<string[]>().notNull(),
    completedAt: integer('completed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('training_enrolments_user_course_idx').on(t.userId, t.courseId)],
)

export const trainingAttempts = sqliteTable(
  'training_attempts',
  {
    id: id(),
    userId: text('user_id').notNull().references(() => users.id),
    orgId: text('org_id').notNull().references(() => organisations.id),
    certificationId: text('certification_id').notNull(),
    certificationVersion: integer('certification_version').notNull(),
    // the drawn questions in the order shown
    questionIds: text('question_ids', { mode: 'json' }).$type<string[]>().notNull(),
    startedAt: integer('started_at').notNull(),
    deadlineAt: integer('deadline_at').notNull(),
    submittedAt: integer('submitted_at'),
    answers: text('answers', { mode: 'json' }).$type<Record<string, string[]>>(),
    // per question: was it right (what the learner sees later; never the key)
    outcome: text('outcome', { mode: 'json' }).$type<Record<string, boolean>>(),
    scorePct: integer('score_pct'),
    passed: integer('passed', { mode: 'boolean' }),
    late: integer('late', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('training_attempts_user_cert_idx').on(t.userId, t.certificationId, t.startedAt), index('training_attempts_cert_idx').on(t.certificationId, t.submittedAt)],
)

export const trainingCertificates = sqliteTable(
  'training_certificates',
  {
    id: id(),
    code: text('code').notNull(),
    userId: text('user_id').notNull().references(() => users.id),
    orgId: text('org_id').notNull().references(() => organisations.id),
    certificationId: text('certification_id').notNull(),
    status: text('status', { enum: CERTIFICATE_STATUSES }).notNull().default('valid'),
    source: text('source', { enum: ['exam', 'grant'] }).notNull(),
    attemptId: text('attempt_id'),
    issuedAt: integer('issued_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    revokedAt: integer('revoked_at'),
    reason: text('reason'),
    // smallest "days before expiry" reminder already sent (60, 30, 7)
    reminderSent: integer('reminder_sent'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('training_certificates_code_idx').on(t.code),
    index('training_certificates_org_idx').on(t.orgId, t.status, t.expiresAt),
    index('training_certificates_user_idx').on(t.userId, t.certificationId),
    index('training_certificates_status_expiry_idx').on(t.status, t.expiresAt),
  ],
)

/** Criteria per tier, set by the vendor admin: [{ kind: 'certified', certificationId|null, count } | { kind: 'revenue', amountMinor }]. */
export const trainingTierRules = sqliteTable('training_tier_rules', {
  tier: text('tier', { enum: TIERS }).primaryKey(),
  criteria: text('criteria', { mode: 'json' }).notNull(),
  updatedAt: updatedAt(),
  updatedBy: text('updated_by').references(() => users.id),
})

export const trainingTierSettings = sqliteTable('training_tier_settings', {
  id: text('id').primaryKey(),
  graceDays: integer('grace_days').notNull().default(30),
  updatedAt: updatedAt(),
})

/** Where each partner stands: a downgrade waits here for its grace period. */
export const trainingTierStatus = sqliteTable('training_tier_status', {
  orgId: text('org_id').primaryKey().references(() => organisations.id),
  pendingTier: text('pending_tier', { enum: TIERS }),
  pendingSince: integer('pending_since'),
  evaluatedAt: integer('evaluated_at').notNull(),
})

export const trainingTierChanges = sqliteTable(
  'training_tier_changes',
  {
    id: id(),
    orgId: text('org_id').notNull().references(() => organisations.id),
    fromTier: text('from_tier', { enum: TIERS }),
    toTier: text('to_tier', { enum: TIERS }).notNull(),
    reasons: text('reasons', { mode: 'json' }).notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('training_tier_changes_org_idx').on(t.orgId, t.at)],
)

