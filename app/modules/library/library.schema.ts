import { z } from 'zod'
import { optionalText, requiredText } from '../orgs/orgs.schema'

// Client-safe: the item form validates with the same schema in the browser.
export const LIBRARY_KINDS = ['document', 'image', 'video', 'kit'] as const
export const LIBRARY_CATEGORIES = ['brochure', 'price_list', 'brand', 'presentation', 'training', 'case_study', 'other'] as const
export const LIBRARY_LANGUAGES = ['id', 'en', 'both'] as const
export const LIBRARY_AUDIENCES = ['all_partners', 'tiers', 'regions', 'orgs', 'suppliers', 'internal'] as const
export const PARTNER_TIERS = ['registered', 'silver', 'gold', 'platinum'] as const
export const LIBRARY_SORTS = ['updated', 'title', 'relevance'] as const
export type LibraryKind = (typeof LIBRARY_KINDS)[number]
export type LibraryCategory = (typeof LIBRARY_CATEGORIES)[number]
export type LibraryLanguage = (typeof LIBRARY_LANGUAGES)[number]
export type LibraryAudience = (typeof LIBRARY_AUDIENCES)[number]

/** A repeated form field (checkboxes, multi-select) arrives as a string when one box is ticked. */
const many = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(500))

/** Tags typed as "harga, brosur  jaringan": lower-case words, at most 12, each up to 30 characters. */
export function parseTags(raw: string | null | undefined): string[] {
  const words = (raw ?? '')
    .toLowerCase()
    .split(/[,;\n]+/)
    .map((t) => t.trim().replace(/\s+/g, '-').replace(/[^\p{L}\p{N}-]/gu, ''))
    .filter(Boolean)
  return [...new Set(words)].slice(0, 12).map((t) => t.slice(0, 30))
}

export const ItemFormSchema = z
  .object({
    kind: z.enum(LIBRARY_KINDS, { error: 'errors.required' }),
    titleEn: requiredText(200),
    titleId: requiredText(200),
    descriptionEn: optionalText(4000),
    descriptionId: optionalText(4000),
    category: z.enum(LIBRARY_CATEGORIES, { error: 'errors.required' }),
    language: z.enum(LIBRARY_LANGUAGES, { error: 'errors.required' }),
    tags: optionalText(400),
    product: optionalText(120),
    videoUrl: z
      .string()
      .trim()
      .max(500, { message: 'errors.tooLong' })
      .optional()
      .refine((v) => !v || /^https:\/\/[^\s<>"]+$/i.test(v), { message: 'library.errors.videoUrl' })
      .transform((v) => v || null),
    audience: z.enum(LIBRARY_AUDIENCES, { error: 'errors.required' }),
    tiers: many(z.enum(PARTNER_TIERS)),
    regions: many(z.string().trim().min(1).max(100)),
    orgs: many(z.string().trim().min(1).max(64)),
    kitItems: many(z.string().trim().min(1).max(64)),
    note: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (v.audience === 'tiers' && !v.tiers.length) ctx.addIssue({ code: 'custom', path: ['tiers'], message: 'library.errors.chooseTier' })
    if (v.audience === 'regions' && !v.regions.length) ctx.addIssue({ code: 'custom', path: ['regions'], message: 'library.errors.chooseRegion' })
    if (v.audience === 'orgs' && !v.orgs.length) ctx.addIssue({ code: 'custom', path: ['orgs'], message: 'library.errors.chooseOrg' })
    if (v.kind === 'video' && !v.videoUrl) ctx.addIssue({ code: 'custom', path: ['videoUrl'], message: 'library.errors.videoUrl' })
    if (v.kind === 'kit' && !v.kitItems.length) ctx.addIssue({ code: 'custom', path: ['kitItems'], message: 'library.errors.chooseKitItems' })
  })
export type ItemFormInput = z.infer<typeof ItemFormSchema>

export const VersionFormSchema = z.object({ note: requiredText(500) })
