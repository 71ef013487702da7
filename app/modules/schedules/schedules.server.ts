import { and, asc, count, eq, getTableColumns, gt, gte, inArray, isNull, lt, ne, or, sql, type Placeholder, type SQL } from 'drizzle-orm'
import { scheduleEvents, scheduleFeedTokens, scheduleInvitations, scheduleRsvps } from '../../../db/schema/schedules'
import { mutate, type Ctx } from '../../kit/mutate.server'
import { DAY_MS, formatDateTime } from '../../utils/dates'
import { db, preparedQuery } from '../../utils/db.server'
import { getEnv } from '../../utils/env.server'
import { InvalidTransition, NotFound, ValidationFailed } from '../../utils/errors'
import type { Locale } from '../../utils/i18n'
import { hashToken, newId, newSecret } from '../../utils/ids'
import { changedFields } from '../audit/audit.server'
import { assertCan, can, scopeOf, type Actor } from '../auth/actor'
import type { Role } from '../auth/roles'
import { notify } from '../notify/notify.server'
import { activeMembersOf, activeUsersByEmail, activeUsersIn, audienceChoices, audienceOf, membershipOf, organisationNames, recipient, userNames } from '../orgs/orgs.server'
import { icsCalendar, type IcsEvent } from './ics.server'
import { eventMachine } from './schedules.machine'
import { parseEmails, type EventFormInput, type EventKind, type RsvpAnswer } from './schedules.schema'
import { addDaysIso, localDate, startOfLocalDay, utcToLocalInput, weekdayOf, zonedToUtc } from './zoned-time'

export type ScheduleEvent = typeof scheduleEvents.$inferSelect

/** Who is looking: enough to decide which events they see and which are "theirs". */
type Viewer = { userId: string; orgId: string; role: Role; all: boolean; tier: string }
/** What the conditions below need of a viewer: its values, or placeholders for a query built once. */
type ViewerSql = { userId: string | Placeholder; orgId: string | Placeholder; tier: string | Placeholder; all: boolean }

function viewerOf(who: { userId: string; orgId: string; role: Role }): Viewer {
  const all = scopeOf(who, 'read:event') === 'any'
  const org = audienceOf(who.orgId)
  return { ...who, all, tier: org?.kind === 'partner' ? (org.tier ?? '') : '' }
}

/** The event is addressed to this viewer: their organisation, its tier, or them by name. */
function invitedSql(v: ViewerSql): SQL {
  return sql`EXISTS (SELECT 1 FROM schedule_invitations i WHERE i.event_id = ${scheduleEvents.id} AND ((i.kind = 'org' AND i.value = ${v.orgId}) OR (i.kind = 'tier' AND i.value = ${v.tier}) OR (i.kind = 'user' AND i.value = ${v.userId})))`
}

/** Events the viewer may open: vendor staff all; others their organisation's and those they are invited to. */
function visibleSql(v: ViewerSql): SQL | undefined {
  if (v.all) return undefined
  return or(eq(scheduleEvents.ownerOrgId, v.orgId), invitedSql(v))
}

/**
 * The ids of the events this viewer could call theirs (addressed to their organisation, its tier
 * or them, organised by them, answered yes or maybe) and, with `owned`, their organisation's own.
 * Each branch is an index search, so "my next events" reads the viewer's own events instead of
 * walking the whole calendar in start order and testing each one (7,000 MDF activity events of
 * another partner made every partner's home page 5× slower).
 */
function candidateIdsSql(v: ViewerSql, opts: { owned: boolean }): SQL {
  const owned = opts.owned ? sql`SELECT id FROM schedule_events WHERE owner_org_id = ${v.orgId} UNION ALL ` : sql``
  return sql`${scheduleEvents.id} IN (${owned}SELECT event_id FROM schedule_invitations WHERE kind = 'org' AND value = ${v.orgId}
    UNION ALL SELECT event_id FROM schedule_invitations WHERE kind = 'tier' AND value = ${v.tier}
    UNION ALL SELECT event_id FROM schedule_invitations WHERE kind = 'user' AND value = ${v.userId}
    UNION ALL SELECT id FROM schedule_events WHERE created_by = ${v.userId}
    UNION ALL SELECT event_id FROM schedule_rsvps WHERE user_id = ${v.userId} AND answer <> 'no')`
}

/** Events the viewer may see, from their candidates (vendor staff: any; the date range bounds the read). */
function seenSql(v: Viewer): SQL | undefined {
  if (v.all) return undefined
  return and(candidateIdsSql(v, { owned: true }), visibleSql(v))
}

// past this many candidate events, "mine" is tested per event in start order instead (see mineSql)
const DENSE_CANDIDATES = 500

/** Whether the viewer has more than DENSE_CANDIDATES candidate events; each branch counts at most that many index entries. */
function hasManyCandidates(v: Viewer): boolean {
  const row = candidateCountQuery().get({ orgId: v.orgId, tier: v.tier, userId: v.userId, cap: DENSE_CANDIDATES + 1 })
  return (row?.n ?? 0) > DENSE_CANDIDATES
}
// asked on every home page: prepared once
const candidateCountQuery = preparedQuery((db) =>
  db
    .select({
      n: sql<number>`(SELECT count(*) FROM (SELECT 1 FROM schedule_invitations WHERE kind = 'org' AND value = ${sql.placeholder('orgId')} LIMIT ${sql.placeholder('cap')}))
    + (SELECT count(*) FROM (SELECT 1 FROM schedule_invitations WHERE kind = 'tier' AND value = ${sql.placeholder('tier')} LIMIT ${sql.placeholder('cap')}))
    + (SELECT count(*) FROM (SELECT 1 FROM schedule_invitations WHERE kind = 'user' AND value = ${sql.placeholder('userId')} LIMIT ${sql.placeholder('cap')}))
    + (SELECT count(*) FROM (SELECT 1 FROM schedule_events WHERE created_by = ${sql.placeholder('userId')} LIMIT ${sql.placeholder('cap')}))
    + (SELECT count(*) FROM (SELECT 1 FROM schedule_rsvps WHERE user_id = ${sql.placeholder('userId')} LIMIT ${sql.placeholder('cap')}))`,
    })
    .from(sql`(SELECT 1)`)
    .prepare(),
)

/**
 * "My" events: invited, organised by me or answered yes/maybe, not declined, and visible.
 * Most viewers have a few such events among many: the candidate set (index searches) is the
 * positive condition and each row costs one more lookup (my "no"). A viewer with thousands (the
 * manager on every approved MDF activity) is better served testing each upcoming event in start
 * order, where their own come first: 1–2 ms instead of 15 at 7,000 events.
 */
function mineSql(v: ViewerSql, dense: boolean): SQL {
  const positive = dense
    ? or(invitedSql(v), eq(scheduleEvents.createdBy, v.userId), sql`EXISTS (SELECT 1 FROM schedule_rsvps r WHERE r.event_id = ${scheduleEvents.id} AND r.user_id = ${v.userId} AND r.answer <> 'no')`)
    : candidateIdsSql(v, { owned: false })
  return and(positive, sql`NOT EXISTS (SELECT 1 FROM schedule_rsvps r WHERE r.event_id = ${scheduleEvents.id} AND r.user_id = ${v.userId} AND r.answer = 'no')`, visibleSql(v))!
}

function findVisibleEvent(actor: Actor, id: string): { event: ScheduleEvent; viewer: Viewer } {
  assertCan(actor, 'read:event', { orgId: actor.orgId })
  const viewer = viewerOf(actor)
  const event = db.select().from(scheduleEvents).where(and(eq(scheduleEvents.id, id), visibleSql(viewer))).get()
  if (!event) throw new NotFound()
  return { event, viewer }
}

const titleIn = (e: { titleEn: string; titleId: string }, locale: Locale) => (locale === 'id' ? e.titleId : e.titleEn)

function answersOf(eventIds: string[], userId: string) {
  if (!eventIds.length) return new Map<string, RsvpAnswer>()
  return new Map(db.select({ eventId: scheduleRsvps.eventId, answer: scheduleRsvps.answer }).from(scheduleRsvps).where(and(inArray(scheduleRsvps.eventId, eventIds), eq(scheduleRsvps.userId, userId))).all().map((r) => [r.eventId, r.answer]))
}

function summary(e: ScheduleEvent, locale: Locale, answer: RsvpAnswer | null) {
  return { id: e.id, kind: e.kind, title: titleIn(e, locale), startsAt: e.startsAt, endsAt: e.endsAt, timeZone: e.timeZone, location: e.location, online: !!e.onlineUrl, status: e.status, myAnswer: answer }
}
export type EventSummary = ReturnType<typeof summary>

// ---- reading -----------------------------------------------------------------------------------

/** Events overlapping [from, to) that the actor may see (or only "theirs"), for month, week and list views. */
export async function eventsBetween(actor: Actor, from: number, to: number, opts: { mine?: boolean; limit?: number } = {}) {
  assertCan(actor, 'read:event', { orgId: actor.orgId })
  const viewer = viewerOf(actor)
  const rows = db
    .select()
    .from(scheduleEvents)
    .where(and(lt(scheduleEvents.startsAt, to), gt(scheduleEvents.endsAt, from), opts.mine ? mineSql(viewer, hasManyCandidates(viewer)) : seenSql(viewer)))
    .orderBy(asc(scheduleEvents.startsAt), asc(scheduleEvents.id))
    .limit(opts.limit ?? 500)
    .all()
  const answers = answersOf(rows.map((r) => r.id), actor.userId)
  return rows.map((e) => summary(e, actor.locale, answers.get(e.id) ?? null))
}

/**
 * A partner organisation's next events, as vendor staff see them on its 360° page: the events it
 * organises or is invited to (as an organisation, by its tier, or through one of its people).
 */
export async function upcomingEventsOfOrganisation(actor: Actor, orgId: string, limit = 5, now = Date.now()) {
  assertCan(actor, 'read:event', { orgId })
  const org = audienceOf(orgId)
  if (!org) throw new NotFound()
  const tier = org.kind === 'partner' ? (org.tier ?? '') : ''
  const people = activeMembersOf(orgId)
  const byPerson = people.length ? sql`OR (kind = 'user' AND value IN (${sql.join(people.map((id) => sql`${id}`), sql`, `)}))` : sql``
  // its own events and those it is invited to (as an organisation, by tier, through its people):
  // read from its side by index searches, as candidateIdsSql
  const ownOrInvited = sql`${scheduleEvents.id} IN (SELECT id FROM schedule_events WHERE owner_org_id = ${orgId}
    UNION ALL SELECT event_id FROM schedule_invitations WHERE (kind = 'org' AND value = ${orgId}) OR (kind = 'tier' AND value = ${tier}) ${byPerson})`
  const rows = db
    .select()
    .from(scheduleEvents)
    .where(and(gt(scheduleEvents.endsAt, now), eq(scheduleEvents.status, 'scheduled'), ownOrInvited))
    .orderBy(asc(scheduleEvents.startsAt), asc(scheduleEvents.id))
    .limit(limit)
    .all()
  return rows.map((e) => summary(e, actor.locale, null))
}

// "my next events" is on every home page: built once per kind of viewer (all or not) and shape of "mine" (issue 10)
const placeholderViewer = (all: boolean): ViewerSql => ({ userId: sql.placeholder('userId'), orgId: sql.placeholder('orgId'), tier: sql.placeholder('tier'), all })
const upcomingQuery = (all: boolean, dense: boolean) =>
  preparedQuery((db) => {
    const v = placeholderViewer(all)
    return db
      .select({ ...getTableColumns(scheduleEvents), myAnswer: sql<RsvpAnswer | null>`(SELECT r.answer FROM schedule_rsvps r WHERE r.event_id = ${scheduleEvents.id} AND r.user_id = ${v.userId})` })
      .from(scheduleEvents)
      .where(and(gt(scheduleEvents.endsAt, sql.placeholder('now')), eq(scheduleEvents.status, 'scheduled'), mineSql(v, dense)))
      .orderBy(asc(scheduleEvents.startsAt), asc(scheduleEvents.id))
      .limit(sql.placeholder('limit'))
      .prepare()
  })
const upcomingQueries = { all: { dense: upcomingQuery(true, true), sparse: upcomingQuery(true, false) }, some: { dense: upcomingQuery(false, true), sparse: upcomingQuery(false, false) } }

/** The actor's next events (invited, accepted or organised; not declined or cancelled): for home pages and a partner's 360° view. */
export async function upcomingEventsFor(actor: Actor, limit = 5, now = Date.now()) {
  if (!can(actor, 'read:event', { orgId: actor.orgId })) return []
  const viewer = viewerOf(actor)
  const query = upcomingQueries[viewer.all ? 'all' : 'some'][hasManyCandidates(viewer) ? 'dense' : 'sparse']
  const rows = query().all({ userId: viewer.userId, orgId: viewer.orgId, tier: viewer.tier, now, limit })
  return rows.map(({ myAnswer, ...e }) => summary(e, actor.locale, myAnswer ?? null))
}

/** One event as this actor may see it: details, the answers so far, theirs, and (vendor staff) who is invited and coming. */
export async function getEvent(actor: Actor, id: string) {
  const { event, viewer } = findVisibleEvent(actor, id)
  const tally = db.select({ answer: scheduleRsvps.answer, n: count() }).from(scheduleRsvps).where(eq(scheduleRsvps.eventId, id)).groupBy(scheduleRsvps.answer).all()
  const n = (a: RsvpAnswer) => tally.find((t) => t.answer === a)?.n ?? 0
  const mine = db.select({ answer: scheduleRsvps.answer }).from(scheduleRsvps).where(and(eq(scheduleRsvps.eventId, id), eq(scheduleRsvps.userId, actor.userId))).get()?.answer ?? null
  const organiser = can(actor, 'manage:event')
  let invitations: { kind: 'org' | 'tier' | 'user'; label: string }[] = []
  let attendees: { name: string; org: string; answer: RsvpAnswer }[] = []
  if (viewer.all) {
    const inv = db.select().from(scheduleInvitations).where(eq(scheduleInvitations.eventId, id)).all()
    const orgs = organisationNames(inv.filter((i) => i.kind === 'org').map((i) => i.value))
    const people = userNames(inv.filter((i) => i.kind === 'user').map((i) => i.value))
    invitations = inv.map((i) => ({ kind: i.kind, label: i.kind === 'org' ? (orgs.get(i.value)?.name ?? '') : i.kind === 'user' ? (people.get(i.value) ?? '') : i.value }))
    const rsvps = db.select().from(scheduleRsvps).where(eq(scheduleRsvps.eventId, id)).orderBy(asc(scheduleRsvps.updatedAt)).all()
    const names = userNames(rsvps.map((r) => r.userId))
    const rsvpOrgs = organisationNames(rsvps.map((r) => r.orgId))
    attendees = rsvps.map((r) => ({ name: names.get(r.userId) ?? '', org: rsvpOrgs.get(r.orgId)?.name ?? '', answer: r.answer }))
  }
  const owner = organisationNames([event.ownerOrgId]).get(event.ownerOrgId)?.name ?? ''
  return {
    event: {
      id: event.id,
      kind: event.kind,
      title: titleIn(event, actor.locale),
      description: actor.locale === 'id' ? event.descriptionId : event.descriptionEn,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      timeZone: event.timeZone,
      location: event.location,
      onlineUrl: event.onlineUrl,
      capacity: event.capacity,
      status: event.status,
      owner,
      linked: event.source !== null,
    },
    counts: { yes: n('yes'), maybe: n('maybe'), no: n('no') },
    full: event.capacity !== null && n('yes') >= event.capacity && mine !== 'yes',
    myAnswer: mine,
    canRespond: can(actor, 'rsvp:event') && eventMachine.can(event.status, 'respond') && event.endsAt > Date.now(),
    canManage: organiser && event.source === null && eventMachine.can(event.status, 'edit'),
    canCancel: organiser && event.source === null && eventMachine.can(event.status, 'cancel'),
    invitations,
    attendees,
  }
}

/** The event form's values for an existing event (organisers). */
export async function eventForEdit(actor: Actor, id: string) {
  const { event } = findVisibleEvent(actor, id)
  assertCan(actor, 'manage:event')
  const inv = db.select().from(scheduleInvitations).where(eq(scheduleInvitations.eventId, id)).all()
  const emails = inv.filter((i) => i.kind === 'user').map((i) => recipient(i.value)?.email).filter(Boolean)
  return {
    id: event.id,
    source: event.source,
    status: event.status,
    kind: event.kind,
    titleEn: event.titleEn,
    titleId: event.titleId,
    descriptionEn: event.descriptionEn,
    descriptionId: event.descriptionId,
    startsLocal: utcToLocalInput(event.startsAt, event.timeZone),
    endsLocal: utcToLocalInput(event.endsAt, event.timeZone),
    timeZone: event.timeZone,
    location: event.location ?? '',
    onlineUrl: event.onlineUrl ?? '',
    capacity: event.capacity === null ? '' : String(event.capacity),
    inviteOrgs: inv.filter((i) => i.kind === 'org').map((i) => i.value),
    inviteTiers: inv.filter((i) => i.kind === 'tier').map((i) => i.value),
    inviteEmails: emails.join(', '),
  }
}

/** Organisations that may be invited (vendor staff). */
export async function eventFormChoices(actor: Actor) {
  assertCan(actor, 'manage:event')
  return { orgs: (await audienceChoices(actor)).orgs }
}

// ---- writing -----------------------------------------------------------------------------------

function times(input: EventFormInput) {
  const startsAt = zonedToUtc(input.startsLocal, input.timeZone)
  const endsAt = zonedToUtc(input.endsLocal, input.timeZone)
  if (endsAt <= startsAt) throw new ValidationFailed('endsLocal', 'schedules.errors.endBeforeStart')
  return { startsAt, endsAt }
}

function writeInvitations(ctx: Ctx, eventId: string, rows: { kind: 'org' | 'tier' | 'user'; value: string }[]) {
  ctx.tx.delete(scheduleInvitations).where(eq(scheduleInvitations.eventId, eventId)).run()
  const unique = [...new Map(rows.map((r) => [`${r.kind}:${r.value}`, { eventId, ...r }])).values()]
  if (unique.length) ctx.tx.insert(scheduleInvitations).values(unique).run()
  return unique.map((r) => `${r.kind}:${r.value}`).sort()
}

function invitationRows(input: EventFormInput) {
  const emails = parseEmails(input.inviteEmails)
  const people = activeUsersByEmail(emails)
  const unknown = emails.filter((e) => !people.some((p) => p.email === e))
  if (unknown.length) throw new ValidationFailed('inviteEmails', 'schedules.errors.unknownEmails', { emails: unknown.join(', ') })
  return [
    ...input.inviteOrgs.map((value) => ({ kind: 'org' as const, value })),
    ...input.inviteTiers.map((value) => ({ kind: 'tier' as const, value })),
    ...people.map((p) => ({ kind: 'user' as const, value: p.id })),
  ]
}

/** The people an invitation reaches, for telling them. */
function peopleInvited(rows: { kind: 'org' | 'tier' | 'user'; value: string }[]): string[] {
  const viaOrgs = activeUsersIn({ orgIds: rows.filter((r) => r.kind === 'org').map((r) => r.value), tiers: rows.filter((r) => r.kind === 'tier').map((r) => r.value) })
  return [...new Set([...viaOrgs.map((u) => u.id), ...rows.filter((r) => r.kind === 'user').map((r) => r.value)])]
}

function tellInvited(ctx: Ctx, event: { id: string; titleEn: string; titleId: string; startsAt: number; timeZone: string }, userIds: string[], except: string) {
  for (const userId of userIds.slice(0, 2000)) {
    if (userId === except) continue
    const to = recipient(userId)
    if (!to) continue
    notify(ctx, userId, 'event_invitation', { title: titleIn(event, to.locale), when: formatDateTime(event.startsAt, to.locale, to.timeZone) }, `/events/${event.id}`)
  }
}

export async function createEvent(actor: Actor, input: EventFormInput, opts: { now?: number } = {}) {
  assertCan(actor, 'manage:event')
  const { startsAt, endsAt } = times(input)
  const invites = invitationRows(input)
  return mutate(
    actor,
    (ctx) => {
      const id = newId()
      const row = { id, kind: input.kind as EventKind, titleEn: input.titleEn, titleId: input.titleId, descriptionEn: input.descriptionEn ?? '', descriptionId: input.descriptionId ?? '', startsAt, endsAt, timeZone: input.timeZone, location: input.location, onlineUrl: input.onlineUrl, capacity: input.capacity, ownerOrgId: actor.orgId, createdBy: actor.userId, createdAt: ctx.now, updatedAt: ctx.now }
      ctx.tx.insert(scheduleEvents).values(row).run()
      const invited = writeInvitations(ctx, id, invites)
      ctx.audit('schedule_event', id, 'created', null, { titleEn: row.titleEn, startsAt, endsAt, timeZone: row.timeZone, capacity: row.capacity, invited })
      tellInvited(ctx, row, peopleInvited(invites), actor.userId)
      return { id }
    },
    opts,
  )
}

export async function updateEvent(actor: Actor, id: string, input: EventFormInput) {
  const { event } = findVisibleEvent(actor, id)
  assertCan(actor, 'manage:event')
  if (event.source) throw new ValidationFailed('kind', 'schedules.errors.linked')
  const { startsAt, endsAt } = times(input)
  const invites = invitationRows(input)
  return mutate(actor, (ctx) => {
    const before = ctx.tx.select().from(scheduleEvents).where(eq(scheduleEvents.id, id)).get()
    if (!before) throw new NotFound()
    eventMachine.next(before.status, 'edit')
    const beforeInvites = ctx.tx.select().from(scheduleInvitations).where(eq(scheduleInvitations.eventId, id)).all()
    const next = { kind: input.kind as EventKind, titleEn: input.titleEn, titleId: input.titleId, descriptionEn: input.descriptionEn ?? '', descriptionId: input.descriptionId ?? '', startsAt, endsAt, timeZone: input.timeZone, location: input.location, onlineUrl: input.onlineUrl, capacity: input.capacity }
    const invited = writeInvitations(ctx, id, invites)
    const diff = changedFields({ ...before, invited: beforeInvites.map((i) => `${i.kind}:${i.value}`).sort().join(',') }, { ...next, invited: invited.join(',') })
    if (!diff.changed) return
    // a moved event reminds its guests again; calendar apps replace their copy (SEQUENCE)
    const moved = before.startsAt !== startsAt
    ctx.tx.update(scheduleEvents).set({ ...next, sequence: before.sequence + 1, updatedAt: ctx.now, ...(moved ? { remindedAt: null } : {}) }).where(eq(scheduleEvents.id, id)).run()
    if (moved) ctx.tx.update(scheduleRsvps).set({ remindedAt: null }).where(eq(scheduleRsvps.eventId, id)).run()
    ctx.audit('schedule_event', id, 'updated', diff.before, diff.after)
    const had = new Set(peopleInvited(beforeInvites))
    tellInvited(ctx, { id, ...next }, peopleInvited(invites).filter((u) => !had.has(u)), actor.userId)
  })
}

export async function cancelEvent(actor: Actor, id: string) {
  const { event } = findVisibleEvent(actor, id)
  assertCan(actor, 'manage:event')
  if (event.source) throw new ValidationFailed('kind', 'schedules.errors.linked')
  return mutate(actor, (ctx) => {
    const before = ctx.tx.select().from(scheduleEvents).where(eq(scheduleEvents.id, id)).get()
    if (!before) throw new NotFound()
    const status = eventMachine.next(before.status, 'cancel')
    ctx.tx.update(scheduleEvents).set({ status, sequence: before.sequence + 1, updatedAt: ctx.now }).where(eq(scheduleEvents.id, id)).run()
    ctx.audit('schedule_event', id, 'cancelled', { status: before.status }, { status })
    const coming = ctx.tx.select({ userId: scheduleRsvps.userId }).from(scheduleRsvps).where(and(eq(scheduleRsvps.eventId, id), ne(scheduleRsvps.answer, 'no'))).all()
    for (const { userId } of coming) {
      const to = recipient(userId)
      if (to) notify(ctx, userId, 'event_cancelled', { title: titleIn(before, to.locale), when: formatDateTime(before.startsAt, to.locale, to.timeZone) }, `/events/${id}`)
    }
  })
}

/**
 * Yes, no or maybe. A "yes" counts against the capacity: the check and the write happen in one
 * immediate transaction, so two people answering at once never take the last seat twice. The one
 * who loses gets words ("this event is full"), and may still answer maybe.
 */
export async function respondToEvent(actor: Actor, id: string, answer: RsvpAnswer, opts: { now?: number } = {}) {
  const { event } = findVisibleEvent(actor, id)
  assertCan(actor, 'rsvp:event')
  return mutate(
    actor,
    (ctx) => {
      const current = ctx.tx.select().from(scheduleEvents).where(eq(scheduleEvents.id, id)).get()
      if (!current) throw new NotFound()
      if (!eventMachine.can(current.status, 'respond')) throw new InvalidTransition(current.status, 'respond', { key: 'schedules.errors.cancelled', params: {} })
      if (current.endsAt <= ctx.now) throw new ValidationFailed('answer', 'schedules.errors.past')
      const before = ctx.tx.select().from(scheduleRsvps).where(and(eq(scheduleRsvps.eventId, id), eq(scheduleRsvps.userId, actor.userId))).get()
      if (answer === 'yes' && current.capacity !== null && before?.answer !== 'yes') {
        const taken = ctx.tx.select({ n: count() }).from(scheduleRsvps).where(and(eq(scheduleRsvps.eventId, id), eq(scheduleRsvps.answer, 'yes'))).get()?.n ?? 0
        if (taken >= current.capacity) throw new ValidationFailed('answer', 'schedules.errors.full', { capacity: current.capacity })
      }
      if (before) ctx.tx.update(scheduleRsvps).set({ answer, updatedAt: ctx.now }).where(and(eq(scheduleRsvps.eventId, id), eq(scheduleRsvps.userId, actor.userId))).run()
      else ctx.tx.insert(scheduleRsvps).values({ eventId: id, userId: actor.userId, orgId: actor.orgId, answer, updatedAt: ctx.now }).run()
      if (before?.answer !== answer) ctx.audit('schedule_event', id, 'rsvp', before ? { answer: before.answer } : null, { answer })
      return { answer, title: titleIn(event, actor.locale) }
    },
    opts,
  )
}

/**
 * An event made by another module (an approved MDF activity, a plan initiative) on the calendars
 * of the people involved: created the first time, updated after, inside the caller's transaction.
 */
export function upsertLinkedEvent(
  ctx: Ctx,
  input: { source: 'mdf_request' | 'plan_initiative'; sourceId: string; orgId: string; title: { en: string; id: string }; startsAt: number; endsAt: number; timeZone: string; userIds: string[] },
): { id: string } {
  if (input.endsAt <= input.startsAt) throw new ValidationFailed('endsAt', 'schedules.errors.endBeforeStart')
  const existing = ctx.tx.select().from(scheduleEvents).where(and(eq(scheduleEvents.source, input.source), eq(scheduleEvents.sourceId, input.sourceId))).get()
  const kind: EventKind = input.source === 'mdf_request' ? 'mdf_activity' : 'plan_initiative'
  const fields = { kind, titleEn: input.title.en, titleId: input.title.id, startsAt: input.startsAt, endsAt: input.endsAt, timeZone: input.timeZone, ownerOrgId: input.orgId }
  const id = existing?.id ?? newId()
  if (existing) {
    const diff = changedFields(existing, fields)
    if (diff.changed) {
      ctx.tx.update(scheduleEvents).set({ ...fields, sequence: existing.sequence + 1, updatedAt: ctx.now }).where(eq(scheduleEvents.id, id)).run()
      ctx.audit('schedule_event', id, 'updated', diff.before, diff.after)
    }
  } else {
    ctx.tx.insert(scheduleEvents).values({ id, ...fields, source: input.source, sourceId: input.sourceId, location: null, onlineUrl: null, capacity: null, createdBy: ctx.actor?.userId ?? null, createdAt: ctx.now, updatedAt: ctx.now }).run()
    ctx.audit('schedule_event', id, 'created', null, { titleEn: fields.titleEn, startsAt: fields.startsAt, source: input.source })
  }
  writeInvitations(ctx, id, [...new Set(input.userIds)].map((value) => ({ kind: 'user' as const, value })))
  return { id }
}

/** The linked event of a record that no longer exists or no longer happens: cancelled, in the caller's transaction. */
export function cancelLinkedEvent(ctx: Ctx, source: 'mdf_request' | 'plan_initiative', sourceId: string) {
  const existing = ctx.tx.select().from(scheduleEvents).where(and(eq(scheduleEvents.source, source), eq(scheduleEvents.sourceId, sourceId))).get()
  if (!existing || existing.status === 'cancelled') return
  ctx.tx.update(scheduleEvents).set({ status: 'cancelled', sequence: existing.sequence + 1, updatedAt: ctx.now }).where(eq(scheduleEvents.id, existing.id)).run()
  ctx.audit('schedule_event', existing.id, 'cancelled', { status: existing.status }, { status: 'cancelled' })
}

/** A whole-day span [first day 00:00, day after the last 00:00) in a zone, for linked events made of dates. */
export function daySpan(startDate: string, endDate: string, timeZone = 'Asia/Jakarta'): { startsAt: number; endsAt: number } {
  // the day after the last one's midnight, not +24 h: the zone's own midnight even across a DST change
  return { startsAt: startOfLocalDay(startDate, timeZone), endsAt: startOfLocalDay(addDaysIso(endDate, 1), timeZone) }
}

// ---- reminders (job) -----------------------------------------------------------------------------

/** A day before an event, everyone who answered yes or maybe is reminded, once. Idempotent. */
export async function sendEventReminders(now = Date.now()) {
  const due = db
    .select({ eventId: scheduleRsvps.eventId, userId: scheduleRsvps.userId, titleEn: scheduleEvents.titleEn, titleId: scheduleEvents.titleId, startsAt: scheduleEvents.startsAt })
    .from(scheduleRsvps)
    .innerJoin(scheduleEvents, eq(scheduleEvents.id, scheduleRsvps.eventId))
    .where(and(eq(scheduleEvents.status, 'scheduled'), gt(scheduleEvents.startsAt, now), lt(scheduleEvents.startsAt, now + DAY_MS), inArray(scheduleRsvps.answer, ['yes', 'maybe']), isNull(scheduleRsvps.remindedAt)))
    .limit(1000)
    .all()
  if (!due.length) return { reminded: 0 }
  await mutate(
    null,
    (ctx) => {
      for (const r of due) {
        // claimed row by row, so a second run (or a second server) never reminds twice
        const claimed = ctx.tx.update(scheduleRsvps).set({ remindedAt: ctx.now }).where(and(eq(scheduleRsvps.eventId, r.eventId), eq(scheduleRsvps.userId, r.userId), isNull(scheduleRsvps.remindedAt))).run()
        if (!claimed.changes) continue
        const to = recipient(r.userId)
        if (to) notify(ctx, r.userId, 'event_reminder', { title: titleIn(r, to.locale), when: formatDateTime(r.startsAt, to.locale, to.timeZone) }, `/events/${r.eventId}`)
      }
    },
    { now },
  )
  return { reminded: due.length }
}

// ---- calendar files ------------------------------------------------------------------------------

function icsEventOf(e: ScheduleEvent, locale: Locale): IcsEvent {
  return {
    id: e.id,
    title: titleIn(e, locale),
    description: locale === 'id' ? e.descriptionId : e.descriptionEn,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    timeZone: e.timeZone,
    location: e.location,
    onlineUrl: e.onlineUrl,
    url: `${getEnv().APP_URL}/events/${e.id}`,
    sequence: e.sequence,
    cancelled: e.status === 'cancelled',
    updatedAt: e.updatedAt,
  }
}

/** One event as an .ics file, for someone who may see it. */
export async function eventIcs(actor: Actor, id: string): Promise<{ fileName: string; body: string }> {
  const { event } = findVisibleEvent(actor, id)
  const slug = event.titleEn.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'event'
  return { fileName: `${slug}.ics`, body: icsCalendar(titleIn(event, actor.locale), [icsEventOf(event, actor.locale)], { method: 'publish' }) }
}

/** Whether the actor has a calendar feed (its address is shown only once, when made). */
export async function hasCalendarFeed(actor: Actor) {
  assertCan(actor, 'rsvp:event')
  return !!db.select({ u: scheduleFeedTokens.userId }).from(scheduleFeedTokens).where(eq(scheduleFeedTokens.userId, actor.userId)).get()
}

/** A new secret feed address for the actor; the old one stops working at once. Only its hash is kept. */
export async function regenerateCalendarFeed(actor: Actor) {
  assertCan(actor, 'rsvp:event')
  const secret = newSecret()
  await mutate(actor, (ctx) => {
    ctx.tx.delete(scheduleFeedTokens).where(eq(scheduleFeedTokens.userId, actor.userId)).run()
    ctx.tx.insert(scheduleFeedTokens).values({ userId: actor.userId, tokenHash: hashToken(secret), createdAt: ctx.now }).run()
    ctx.audit('user', actor.userId, 'calendar_feed_regenerated')
  })
  return { secret, url: `${getEnv().APP_URL}/calendar/${secret}.ics` }
}

export async function revokeCalendarFeed(actor: Actor) {
  assertCan(actor, 'rsvp:event')
  await mutate(actor, (ctx) => {
    const gone = ctx.tx.delete(scheduleFeedTokens).where(eq(scheduleFeedTokens.userId, actor.userId)).run()
    if (gone.changes) ctx.audit('user', actor.userId, 'calendar_feed_revoked')
  })
}

/**
 * The calendar behind a feed secret: the owner's events from 30 days ago to a year ahead (those
 * they are invited to or accepted, not declined), in their language. null for an unknown secret
 * or a user who can no longer sign in.
 */
export async function calendarFeed(secret: string, now = Date.now()): Promise<string | null> {
  if (!/^[a-z0-9]{20,64}$/.test(secret)) return null
  const token = db.select().from(scheduleFeedTokens).where(eq(scheduleFeedTokens.tokenHash, hashToken(secret))).get()
  if (!token) return null
  const member = membershipOf(token.userId)
  if (!member || !can(member, 'read:event', { orgId: member.orgId })) return null
  const viewer = viewerOf(member)
  const rows = db
    .select()
    .from(scheduleEvents)
    .where(and(gte(scheduleEvents.endsAt, now - 30 * DAY_MS), lt(scheduleEvents.startsAt, now + 365 * DAY_MS), mineSql(viewer, hasManyCandidates(viewer))))
    .orderBy(asc(scheduleEvents.startsAt))
    .limit(1000)
    .all()
  return icsCalendar(`Mitra — ${member.name}`, rows.map((e) => icsEventOf(e, member.locale)), { method: 'publish' })
}

/** For the history renderer. */
export function eventForHistory(actor: Actor, id: string) {
  const { event } = findVisibleEvent(actor, id)
  return { ownerOrgId: event.ownerOrgId, timeZone: event.timeZone }
}

// ---- calendar views (month, week, list) ----------------------------------------------------------

export type CalendarViewName = 'month' | 'week' | 'list'
type Day = { date: string; inMonth: boolean; isToday: boolean; events: EventSummary[] }

/**
 * What a month, week or list view shows around `date` (yyyy-mm-dd), with days in the reader's
 * time zone: an event lies on every day it overlaps. Rendered on the server, so it needs no JavaScript.
 */
export async function calendarView(actor: Actor, opts: { view: CalendarViewName; date?: string; mine?: boolean; now?: number }) {
  const now = opts.now ?? Date.now()
  const tz = actor.timeZone
  const today = localDate(now, tz)
  const date = opts.date && /^\d{4}-\d{2}-\d{2}$/.test(opts.date) && !Number.isNaN(Date.parse(opts.date)) ? opts.date : today
  let first: string
  let count: number
  let prev: string
  let next: string
  if (opts.view === 'month') {
    const monthStart = `${date.slice(0, 7)}-01`
    first = addDaysIso(monthStart, -weekdayOf(monthStart))
    const nextMonth = addDaysIso(monthStart, 32).slice(0, 7) + '-01'
    const lastDay = addDaysIso(nextMonth, -1)
    count = Math.ceil((weekdayOf(monthStart) + Number(lastDay.slice(8, 10))) / 7) * 7
    prev = addDaysIso(monthStart, -1).slice(0, 7) + '-01'
    next = nextMonth
  } else if (opts.view === 'week') {
    first = addDaysIso(date, -weekdayOf(date))
    count = 7
    prev = addDaysIso(first, -7)
    next = addDaysIso(first, 7)
  } else {
    first = date
    count = 60
    prev = addDaysIso(date, -60)
    next = addDaysIso(date, 60)
  }
  const dates = Array.from({ length: count }, (_, i) => addDaysIso(first, i))
  const starts = dates.map((d) => startOfLocalDay(d, tz))
  const end = startOfLocalDay(addDaysIso(first, count), tz)
  const events = await eventsBetween(actor, starts[0], end, { mine: opts.mine })
  const days: Day[] = dates.map((d, i) => {
    const from = starts[i]
    const to = i + 1 < starts.length ? starts[i + 1] : end
    return { date: d, inMonth: opts.view !== 'month' || d.slice(0, 7) === date.slice(0, 7), isToday: d === today, events: events.filter((e) => e.startsAt < to && e.endsAt > from) }
  })
  return { view: opts.view, date, today, prev, next, first, timeZone: tz, mine: !!opts.mine, days: opts.view === 'list' ? days.filter((d) => d.events.length) : days, canCreate: can(actor, 'manage:event') }
}
