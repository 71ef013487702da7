import { z } from 'zod'
import { optionalText, requiredText } from '../orgs/orgs.schema'

// Client-safe: the event form validates with the same schema in the browser.
export const EVENT_KINDS = ['webinar', 'training', 'campaign', 'business_review', 'trade_show', 'delivery_window', 'mdf_activity', 'plan_initiative'] as const
/** Kinds a person creates by hand; the last two come from the MDF and plan modules. */
export const MANUAL_EVENT_KINDS = ['webinar', 'training', 'campaign', 'business_review', 'trade_show', 'delivery_window'] as const
export const RSVP_ANSWERS = ['yes', 'maybe', 'no'] as const
export const PARTNER_TIERS = ['registered', 'silver', 'gold', 'platinum'] as const
/**
 * Zones an event may be held in. None observes daylight saving time, so each calendar file
 * describes its zone exactly with one fixed offset (see ics.server.ts).
 */
export const EVENT_TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura', 'Asia/Singapore', 'Asia/Kuala_Lumpur', 'Asia/Bangkok', 'Asia/Tokyo', 'UTC'] as const
export type EventKind = (typeof EVENT_KINDS)[number]
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number]

const many = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(500))
const localDateTime = z
  .string({ error: 'errors.required' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { message: 'schedules.errors.dateTime' })

export const EventFormSchema = z
  .object({
    kind: z.enum(MANUAL_EVENT_KINDS, { error: 'errors.required' }),
    titleEn: requiredText(200),
    titleId: requiredText(200),
    descriptionEn: optionalText(4000),
    descriptionId: optionalText(4000),
    startsLocal: localDateTime,
    endsLocal: localDateTime,
    timeZone: z.enum(EVENT_TIME_ZONES, { error: 'errors.timeZone' }),
    location: optionalText(300),
    onlineUrl: z
      .string()
      .trim()
      .max(500, { message: 'errors.tooLong' })
      .optional()
      .refine((v) => !v || /^https:\/\/[^\s<>"]+$/i.test(v), { message: 'schedules.errors.onlineUrl' })
      .transform((v) => v || null),
    capacity: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || /^\d{1,6}$/.test(v), { message: 'errors.integer' })
      .transform((v) => (v ? Number(v) : null))
      .refine((v) => v === null || v >= 1, { message: 'schedules.errors.capacity' }),
    inviteOrgs: many(z.string().trim().min(1).max(64)),
    inviteTiers: many(z.enum(PARTNER_TIERS)),
    inviteEmails: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.endsLocal <= v.startsLocal) ctx.addIssue({ code: 'custom', path: ['endsLocal'], message: 'schedules.errors.endBeforeStart' })
    if (!v.location && !v.onlineUrl) ctx.addIssue({ code: 'custom', path: ['location'], message: 'schedules.errors.where' })
  })
export type EventFormInput = z.infer<typeof EventFormSchema>

export const RsvpSchema = z.object({ answer: z.enum(RSVP_ANSWERS, { error: 'errors.required' }) })

/** The addresses typed into "invite people": separated by commas, spaces or new lines. */
export function parseEmails(raw: string | null | undefined): string[] {
  return [...new Set((raw ?? '').split(/[\s,;]+/).map((e) => e.trim().toLowerCase()).filter((e) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e)))].slice(0, 200)
}
