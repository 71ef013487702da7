// The library's demo content: the starter material in content/library/ (catalog.yaml), uploaded
// through the real service verbs, and a little use by two partners so the usage pages have data.
import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { parse } from 'yaml'
import { sessions, users } from '../db/schema'
import { actorForSession } from '../app/modules/auth/require-actor.server'
import { createSession } from '../app/modules/auth/session.server'
import { ItemFormSchema } from '../app/modules/library/library.schema'
import { createLibraryItem, getLibraryItem, libraryFileForDownload, toggleFavourite } from '../app/modules/library/library.server'
import { db } from '../app/utils/db.server'
import { checkUpload } from '../app/utils/upload.server'

type Texts = { id: string; en: string }
type Common = { category: string; tags: string[]; audience: string; tiers?: string[]; product?: string; title: Texts; description: Texts }
type Catalog = { documents: (Common & { file: string })[]; images: (Common & { file: string })[]; videos: (Common & { url: string; language: string })[]; kits: (Common & { members: string[] })[] }

const dir = () => path.resolve(process.env.MITRA_CONTENT_DIR ?? 'content', 'library')

function actor(email: string) {
  const user = db.select().from(users).where(eq(users.email, email)).get()!
  return actorForSession(createSession(user.id).id, user.id)!
}

async function upload(file: string) {
  const bytes = fs.readFileSync(path.join(dir(), file))
  const check = await checkUpload(new Blob([new Uint8Array(bytes)]), { maxBytes: 25 * 1024 * 1024, allow: ['pdf', 'png', 'jpeg'] }, file)
  if (!check.ok) throw new Error(`${file}: ${check.messageKey}`)
  return check
}

const form = (c: Common, kind: string, language: string, extra: Record<string, unknown> = {}) =>
  ItemFormSchema.parse({ kind, category: c.category, language, tags: c.tags.join(', '), audience: c.audience, tiers: c.tiers ?? [], product: c.product, titleEn: c.title.en, titleId: c.title.id, descriptionEn: c.description.en, descriptionId: c.description.id, note: 'Versi pertama / first edition', ...extra })

export async function seedLibrary() {
  const catalog = parse(fs.readFileSync(path.join(dir(), 'catalog.yaml'), 'utf8')) as Catalog
  const manager = actor('manager@mitra.test')
  const byFile = new Map<string, string[]>()
  for (const d of catalog.documents) {
    for (const lang of ['id', 'en'] as const) {
      const item = await createLibraryItem(manager, form(d, 'document', lang), await upload(`${d.file}.${lang}.pdf`))
      byFile.set(d.file, [...(byFile.get(d.file) ?? []), item.id])
    }
  }
  for (const i of catalog.images) await createLibraryItem(manager, form(i, 'image', 'both'), await upload(i.file))
  for (const v of catalog.videos) await createLibraryItem(manager, form(v, 'video', v.language, { videoUrl: v.url }), null)
  for (const k of catalog.kits) await createLibraryItem(manager, form(k, 'kit', 'both', { kitItems: k.members.flatMap((m) => byFile.get(m) ?? []) }), null)

  // some use: PT Maju Jaya (Gold) reads and downloads, CV Sinar Digital (Silver) browses
  const gold = actor('user@majujaya.test')
  const silver = actor('admin@sinardigital.test')
  for (const [who, files] of [[gold, ['product-brochure', 'gold-price-list', 'pitch-deck-outline']], [silver, ['product-brochure', 'price-list-template']]] as const) {
    for (const f of files) {
      const id = byFile.get(f)![0]
      const seen = await getLibraryItem(who, id)
      await libraryFileForDownload(who, id, seen.versions[0].id)
    }
  }
  await toggleFavourite(gold, byFile.get('product-brochure')![0])
  db.delete(sessions).run()
}
