import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm'
import { invitations, memberships, organisations, users } from '../../../db/schema'
import { db } from '../../utils/db.server'
import { isValidTimeZone } from '../../utils/dates'
import { getEnv } from '../../utils/env.server'
import { NotFound, ValidationFailed } from '../../utils/errors'
import { newId, newSecret } from '../../utils/ids'
import { contains } from '../../utils/sql'
import { audit, changedFields } from '../audit/audit.server'
import { assertCan, scopeOf, type Actor } from '../auth/actor'
import { INVITATION_TTL_MS } from '../auth/auth.server'
import { roleFitsOrg, type OrgKind } from '../auth/roles'
import { hashSecret, invalidateUserSessions } from '../auth/session.server'
import { kickEmailDelivery, queueEmail } from '../notify/notify.server'
import type { InviteUserInput, OrganisationInput } from './orgs.schema'

export type Organisation = typeof organisations.$inferSelect


/** An organisation the actor may see, else NotFound (other partners are invisible). */
export function getOrganisation(actor: Actor, id: string): Organisation {
  const org = db.select().from(organisations).where(eq(organisations.id, id)).get()
  if (!org) throw new NotFound()
  assertCan(actor, 'read:organisation', { orgId: org.id })
  return org
}

export function listOrganisations(actor: Actor, opts: { kind?: OrgKind; q?: string; page?: number; pageSize?: number } = {}) {
  assertCan(actor, 'read:organisation')
  const page = Math.max(1, opts.page ?? 1)
  const pageSize = opts.pageSize ?? 25
  const conditions: SQL[] = []
  if (scopeOf(actor, 'read:organisation') !== 'any') conditions.push(eq(organisations.id, actor.orgId))
  if (opts.kind) conditions.push(eq(organisations.kind, opts.kind))
  if (opts.q) conditions.push(contains(organisations.name, opts.q))
  const where = conditions.length ? and(...conditions) : undefined
  const rows = db.select().from(organisations).where(where).orderBy(asc(organisations.kind), asc(organisations.name)).limit(pageSize).offset((page - 1) * pageSize).all()
  const total = db.select({ n: count() }).from(organisations).where(where).get()?.n ?? 0
  return { rows, total, page, pageSize }
}

export function createOrganisation(actor: Actor, input: OrganisationInput, now = Date.now()): Organisation {
  assertCan(actor, 'manage:organisation')
  return db.transaction((tx) => {
    const row = {
      id: newId(),
      ...input,
      tier: input.kind === 'partner' ? (input.tier ?? 'registered') : null,
      createdAt: now,
      updatedAt: now,
    }
    tx.insert(organisations).values(row).run()
    audit(tx, actor, 'organisation', row.id, 'created', null, row)
    return row as Organisation
  })
}

export function updateOrganisation(actor: Actor, id: string, input: OrganisationInput, now = Date.now()) {
  assertCan(actor, 'manage:organisation')
  return db.transaction((tx) => {
    const org = tx.select().from(organisations).where(eq(organisations.id, id)).get()
    if (!org) throw new NotFound()
    if (org.kind === 'vendor' && input.status !== 'active') throw new ValidationFailed('status', 'errors.vendorMustStayActive')
    // the kind of an organisation never changes: roles and records depend on it
    const next = { ...input, kind: org.kind, tier: org.kind === 'partner' ? (input.tier ?? org.tier ?? 'registered') : null, updatedAt: now }
    const diff = changedFields(org, next)
    tx.update(organisations).set(next).where(eq(organisations.id, id)).run()
    if (diff.changed) audit(tx, actor, 'organisation', id, 'updated', diff.before, diff.after)
  })
}

export function listUsersOf(actor: Actor, orgId: string) {
  const org = getOrganisation(actor, orgId)
  assertCan(actor, 'read:user', { orgId: org.id })
  return db
    .select({ id: users.id, email: users.email, name: users.name, status: users.status, role: memberships.role, createdAt: users.createdAt })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(users.name))
    .all()
}

/**
 * The vendor admin invites anyone into any organisation; an org admin invites users of its
 * own org. The role must belong to the organisation's kind (no partner "admin" of the vendor).
 */
export function inviteUser(actor: Actor, orgId: string, input: InviteUserInput, now = Date.now()) {
  const org = db.select().from(organisations).where(eq(organisations.id, orgId)).get()
  if (!org) throw new NotFound()
  assertCan(actor, 'manage:user', { orgId: org.id })
  if (!roleFitsOrg(input.role, org.kind)) throw new ValidationFailed('role', 'errors.roleNotForOrg')
  const secret = newSecret()
  db.transaction(
    (tx) => {
      const existing = tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()
      if (existing) throw new ValidationFailed('email', 'errors.emailTaken')
      const userId = newId()
      tx.insert(users).values({ id: userId, email: input.email, name: input.name, status: 'invited', locale: actor.locale, createdAt: now, updatedAt: now }).run()
      tx.insert(memberships).values({ id: newId(), userId, orgId, role: input.role, createdAt: now }).run()
      tx.insert(invitations)
        .values({ id: newId(), tokenHash: hashSecret(secret), email: input.email, name: input.name, orgId, role: input.role, invitedBy: actor.userId, expiresAt: now + INVITATION_TTL_MS, createdAt: now })
        .run()
      queueEmail(tx, input.email, 'invitation', actor.locale, { name: input.name, org: org.name, inviter: actor.name, link: `${getEnv().APP_URL}/invitations/${secret}`, days: 7 }, now)
      audit(tx, actor, 'user', userId, 'invited', null, { email: input.email, role: input.role, orgId })
    },
    { behavior: 'immediate' },
  )
  kickEmailDelivery()
  return { secret }
}

/** Deactivates a user and ends their sessions. Nobody deactivates themselves. */
export function setUserActive(actor: Actor, userId: string, active: boolean) {
  const target = db.select({ id: users.id, status: users.status, orgId: memberships.orgId }).from(users).innerJoin(memberships, eq(memberships.userId, users.id)).where(eq(users.id, userId)).get()
  if (!target) throw new NotFound()
  assertCan(actor, 'manage:user', { orgId: target.orgId })
  if (target.id === actor.userId) throw new ValidationFailed('user', 'errors.cannotDeactivateSelf')
  const next = active ? 'active' : 'deactivated'
  if (target.status === next || (active && target.status === 'invited')) return
  db.transaction((tx) => {
    tx.update(users).set({ status: next, updatedAt: Date.now() }).where(eq(users.id, userId)).run()
    if (!active) invalidateUserSessions(userId, undefined, tx)
    audit(tx, actor, 'user', userId, active ? 'reactivated' : 'deactivated', { status: target.status }, { status: next })
  })
}

export function updateProfile(actor: Actor, input: { name: string; locale: 'id' | 'en'; timeZone: string }) {
  if (!isValidTimeZone(input.timeZone)) throw new ValidationFailed('timeZone', 'errors.timeZone')
  db.transaction((tx) => {
    const before = tx.select({ name: users.name, locale: users.locale, timeZone: users.timeZone }).from(users).where(eq(users.id, actor.userId)).get()
    if (!before) throw new NotFound()
    tx.update(users).set({ ...input, updatedAt: Date.now() }).where(eq(users.id, actor.userId)).run()
    const diff = changedFields(before, input)
    if (diff.changed) audit(tx, actor, 'user', actor.userId, 'profile_updated', diff.before, diff.after)
  })
}

export function recentOrganisations(limit = 5) {
  return db.select().from(organisations).orderBy(desc(organisations.createdAt)).limit(limit).all()
}

export function countOrganisationsByKind() {
  return db.select({ kind: organisations.kind, n: count() }).from(organisations).groupBy(organisations.kind).all()
}

export function vendorOrganisation() {
  return db.select().from(organisations).where(eq(organisations.kind, 'vendor')).get()
}

export function setUserLocale(actor: Actor, locale: 'id' | 'en') {
  if (actor.locale === locale) return
  db.update(users).set({ locale, updatedAt: Date.now() }).where(eq(users.id, actor.userId)).run()
}
