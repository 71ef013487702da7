// Self-registration: a company applies on a public page, procurement approves (a supplier
// organisation is created and its admin invited through the orgs module), rejects with a reason,
// or asks for more information (answered through a secret link). Procurement can also invite a
// supplier directly.
import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm'
import { supplierApplications, supplierProfiles } from '../../../db/schema/suppliers'
import { mutate, type Ctx } from '../../kit/mutate.server'
import { paginate } from '../../kit/paginate'
import { db } from '../../utils/db.server'
import { getEnv } from '../../utils/env.server'
import { InvalidTransition, NotFound, ValidationFailed } from '../../utils/errors'
import type { Locale } from '../../utils/i18n'
import { hashToken, newId, newSecret } from '../../utils/ids'
import { assertCan, type Actor } from '../auth/actor'
import { queueEmail } from '../notify/notify.server'
import { createSupplierWithAdmin, credentialsOf, userNames } from '../orgs/orgs.server'
import { applicationMachine, type ApplicationStatus } from './suppliers.machine'
import type { ApplicationInput } from './suppliers.schema'

export type SupplierApplication = typeof supplierApplications.$inferSelect

/** A public application. A filled honeypot is answered like a success and stores nothing. */
export async function submitApplication(input: ApplicationInput, opts: { locale: Locale; now?: number }): Promise<{ id: string | null }> {
  if (input.website && input.website.trim()) return { id: null }
  if (credentialsOf(input.contactEmail)) throw new ValidationFailed('contactEmail', 'suppliers.apply.emailTaken')
  return mutate(
    null,
    (ctx) => {
      const open = ctx.tx
        .select({ id: supplierApplications.id })
        .from(supplierApplications)
        .where(and(eq(supplierApplications.contactEmail, input.contactEmail), inArray(supplierApplications.status, ['submitted', 'info_requested'])))
        .get()
      if (open) throw new ValidationFailed('contactEmail', 'suppliers.apply.emailTaken')
      const id = newId()
      ctx.tx
        .insert(supplierApplications)
        .values({
          id,
          status: 'submitted',
          legalName: input.legalName,
          npwp: input.npwp,
          address: input.address,
          city: input.city,
          categories: input.categories,
          contactName: input.contactName,
          contactEmail: input.contactEmail,
          contactPhone: input.contactPhone,
          locale: opts.locale,
          termsAcceptedAt: ctx.now,
          submittedAt: ctx.now,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .run()
      ctx.audit('supplier_application', id, 'submitted', null, { legalName: input.legalName })
      queueEmail(ctx, input.contactEmail, 'supplier_application_received', opts.locale, { name: input.contactName, company: input.legalName })
      return { id }
    },
    { now: opts.now },
  )
}

export const APPLICATION_SORTS = ['age', 'name', 'status'] as const

export async function listApplications(actor: Actor, opts: { status?: ApplicationStatus; q?: string; page?: number; sort?: (typeof APPLICATION_SORTS)[number]; dir?: 'asc' | 'desc' } = {}) {
  assertCan(actor, 'approve:supplier_application')
  const conditions: SQL[] = []
  if (opts.status) conditions.push(eq(supplierApplications.status, opts.status))
  const where = conditions.length ? and(...conditions) : undefined
  const dir = opts.dir === 'desc' ? desc : asc
  const order = opts.sort === 'name' ? dir(supplierApplications.legalName) : opts.sort === 'status' ? dir(supplierApplications.status) : dir(supplierApplications.submittedAt)
  return paginate(opts, {
    rows: (limit, offset) => db.select().from(supplierApplications).where(where).orderBy(order).limit(limit).offset(offset).all(),
    count: () => db.select({ n: count() }).from(supplierApplications).where(where).get()?.n ?? 0,
  })
}

function findApplication(actor: Actor, id: string): SupplierApplication {
  const row = db.select().from(supplierApplications).where(eq(supplierApplications.id, id)).get()
  // applications belong to no organisation a supplier or partner could hold: they read none (404)
  assertCan(actor, 'approve:supplier_application', { orgId: null })
  if (!row) throw new NotFound()
  return row
}

export async function applicationForHistory(actor: Actor, id: string) {
  return findApplication(actor, id)
}

export async function getApplication(actor: Actor, id: string) {
  const app = findApplication(actor, id)
  return {
    application: app,
    decidedByName: app.decidedBy ? (userNames([app.decidedBy]).get(app.decidedBy) ?? null) : null,
    permissions: {
      approve: applicationMachine.can(app.status, 'approve'),
      reject: applicationMachine.can(app.status, 'reject'),
      askInfo: applicationMachine.can(app.status, 'askInfo'),
    },
  }
}

function transition(ctx: Ctx, id: string, event: 'approve' | 'reject' | 'askInfo' | 'answer') {
  const app = ctx.tx.select().from(supplierApplications).where(eq(supplierApplications.id, id)).get()
  if (!app) throw new NotFound()
  if (!applicationMachine.can(app.status, event)) {
    const name = app.decidedBy ? (userNames([app.decidedBy]).get(app.decidedBy) ?? '') : ''
    if (name) throw new InvalidTransition(app.status, event, { key: 'suppliers.applications.alreadyDecided', params: { name } })
    throw new InvalidTransition(app.status, event)
  }
  return { app, next: applicationMachine.next(app.status, event) }
}

/** Short display name from a legal name: "PT Sumber Makmur Abadi Tbk" stays as written. */
const displayName = (legalName: string) => legalName.trim()

/** Approves: the supplier organisation is created with its profile and the contact invited as its admin. */
export async function approveApplication(actor: Actor, id: string, opts: { now?: number } = {}) {
  findApplication(actor, id)
  return mutate(
    actor,
    (ctx) => {
      const { app, next } = transition(ctx, id, 'approve')
      const { orgId, secret } = createSupplierWithAdmin(ctx, {
        name: displayName(app.legalName),
        legalName: app.legalName,
        npwp: app.npwp,
        city: app.city,
        admin: { email: app.contactEmail, name: app.contactName, locale: app.locale },
        invitedBy: actor.userId,
        inviterName: actor.name,
      })
      ctx.tx
        .insert(supplierProfiles)
        .values({ orgId, address: app.address, categories: app.categories, contactName: app.contactName, contactEmail: app.contactEmail, contactPhone: app.contactPhone, createdAt: ctx.now, updatedAt: ctx.now })
        .run()
      ctx.tx.update(supplierApplications).set({ status: next, orgId, decidedBy: actor.userId, decidedAt: ctx.now, updatedAt: ctx.now }).where(eq(supplierApplications.id, id)).run()
      ctx.audit('supplier_application', id, 'approved', { status: app.status }, { status: next, orgId })
      return { orgId, secret }
    },
    opts,
  )
}

export async function rejectApplication(actor: Actor, id: string, reason: string) {
  findApplication(actor, id)
  await mutate(actor, (ctx) => {
    const { app, next } = transition(ctx, id, 'reject')
    ctx.tx.update(supplierApplications).set({ status: next, rejectionReason: reason, answerTokenHash: null, decidedBy: actor.userId, decidedAt: ctx.now, updatedAt: ctx.now }).where(eq(supplierApplications.id, id)).run()
    ctx.audit('supplier_application', id, 'rejected', { status: app.status }, { status: next, reason })
    queueEmail(ctx, app.contactEmail, 'supplier_application_rejected', app.locale, { name: app.contactName, company: app.legalName, reason })
  })
}

/** Asks the applicant a question; they answer through a secret link, which puts the application back for review. */
export async function askApplicantForInfo(actor: Actor, id: string, question: string) {
  findApplication(actor, id)
  const secret = newSecret()
  await mutate(actor, (ctx) => {
    const { app, next } = transition(ctx, id, 'askInfo')
    ctx.tx.update(supplierApplications).set({ status: next, infoRequest: question, infoAnswer: null, answerTokenHash: hashToken(secret), updatedAt: ctx.now }).where(eq(supplierApplications.id, id)).run()
    ctx.audit('supplier_application', id, 'info_requested', { status: app.status }, { status: next, question })
    queueEmail(ctx, app.contactEmail, 'supplier_application_info', app.locale, { name: app.contactName, company: app.legalName, question, link: `${getEnv().APP_URL}/apply/supplier/answer/${secret}` })
  })
  return { secret }
}

/** The question behind an answer link, or null when the link is not (or no longer) valid. */
export async function openQuestion(secret: string) {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(secret)) return null
  const app = db.select().from(supplierApplications).where(eq(supplierApplications.answerTokenHash, hashToken(secret))).get()
  if (!app || app.status !== 'info_requested') return null
  return { legalName: app.legalName, question: app.infoRequest ?? '' }
}

export async function answerApplicantQuestion(secret: string, answer: string) {
  const found = await openQuestion(secret)
  if (!found) throw new NotFound()
  await mutate(null, (ctx) => {
    const app = ctx.tx.select().from(supplierApplications).where(eq(supplierApplications.answerTokenHash, hashToken(secret))).get()
    if (!app) throw new NotFound()
    const { next } = transition(ctx, app.id, 'answer')
    ctx.tx.update(supplierApplications).set({ status: next, infoAnswer: answer, answerTokenHash: null, submittedAt: ctx.now, updatedAt: ctx.now }).where(eq(supplierApplications.id, app.id)).run()
    ctx.audit('supplier_application', app.id, 'answered', { status: app.status }, { status: next })
  })
}

/** Procurement invites a supplier directly: the organisation, its profile and its admin's invitation. */
export async function inviteSupplier(actor: Actor, input: { legalName: string; npwp: string; city: string; contactName: string; contactEmail: string }) {
  assertCan(actor, 'manage:supplier')
  return mutate(actor, (ctx) => {
    const { orgId, secret } = createSupplierWithAdmin(ctx, {
      name: displayName(input.legalName),
      legalName: input.legalName,
      npwp: input.npwp,
      city: input.city,
      admin: { email: input.contactEmail, name: input.contactName, locale: actor.locale },
      invitedBy: actor.userId,
      inviterName: actor.name,
    })
    ctx.tx.insert(supplierProfiles).values({ orgId, contactName: input.contactName, contactEmail: input.contactEmail, createdAt: ctx.now, updatedAt: ctx.now }).run()
    return { orgId, secret }
  })
}

export async function pendingApplications(actor: Actor, limit: number) {
  assertCan(actor, 'approve:supplier_application')
  return db.select().from(supplierApplications).where(eq(supplierApplications.status, 'submitted')).orderBy(asc(supplierApplications.submittedAt)).limit(limit).all()
}

export async function pendingApplicationCount(actor: Actor) {
  assertCan(actor, 'approve:supplier_application')
  return db.select({ n: count() }).from(supplierApplications).where(eq(supplierApplications.status, 'submitted')).get()?.n ?? 0
}
