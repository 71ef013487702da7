import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { micromark } from 'micromark'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'

// Courses are content, edited by the vendor as files: content/courses/<id>.md. YAML front
// matter holds the titles, modules, certification and its question bank; the body holds one
// markdown section per module and language, each opened by a line `::: module <id> <en|id>`.
// Markdown is rendered with micromark's safe defaults: raw HTML in a file is shown as text.

const Lang = z.object({ en: z.string().trim().min(1), id: z.string().trim().min(1) })
export type Lang = z.infer<typeof Lang>

const Option = z.object({ key: z.string().regex(/^[a-z0-9]{1,8}$/), en: z.string().min(1), id: z.string().min(1), correct: z.boolean().optional() })
const Question = z
  .object({ id: z.string().regex(/^[a-z0-9-]{1,64}$/), type: z.enum(['single', 'multiple']), text: Lang, options: z.array(Option).min(2).max(8) })
  .refine((q) => new Set(q.options.map((o) => o.key)).size === q.options.length, 'option keys must be unique')
  .refine((q) => (q.type === 'single' ? q.options.filter((o) => o.correct).length === 1 : q.options.some((o) => o.correct)), 'a single-choice question has exactly one correct option, a multiple-choice one at least one')
export type Question = z.infer<typeof Question>

const Certification = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  title: Lang,
  summary: Lang,
  requires: z.array(z.string()).min(1),
  passMark: z.number().int().min(1).max(100),
  timeLimitMinutes: z.number().int().min(1).max(240),
  maxAttempts: z.number().int().min(1).max(20),
  cooldownHours: z.number().int().min(0).max(24 * 30),
  questionCount: z.number().int().min(1),
  validityMonths: z.number().int().min(1).max(120),
  questions: z.array(Question).min(1),
})
export type CertificationDef = z.infer<typeof Certification>

const FrontMatter = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  position: z.number().int().default(0),
  title: Lang,
  summary: Lang,
  modules: z.array(z.object({ id: z.string().regex(/^[a-z0-9-]{1,64}$/), title: Lang })).min(1),
  certification: Certification.optional(),
})

export type CourseModule = { id: string; title: Lang; html: Lang }
export type CourseContent = { title: Lang; summary: Lang; modules: CourseModule[] }
export type CourseFile = { id: string; position: number; hash: string; content: CourseContent; certification: CertificationDef | null }

export class CourseFileError extends Error {}

/** One course file, parsed and checked; a mistake names the file and what is wrong. */
export function parseCourseFile(text: string, name = 'course'): CourseFile {
  const m = text.match(/^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/)
  if (!m) throw new CourseFileError(`${name}: missing front matter`)
  const parsed = FrontMatter.safeParse(parseYaml(m[1]))
  if (!parsed.success) throw new CourseFileError(`${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  const front = parsed.data
  const cert = front.certification
  if (cert) {
    if (cert.questionCount > cert.questions.length) throw new CourseFileError(`${name}: questionCount is larger than the question bank`)
    if (new Set(cert.questions.map((q) => q.id)).size !== cert.questions.length) throw new CourseFileError(`${name}: question ids must be unique`)
  }
  const sections = new Map<string, string>()
  const parts = m[2].split(/^::: module ([a-z0-9-]+) (en|id)[ \t]*$/m)
  for (let i = 1; i < parts.length; i += 3) sections.set(`${parts[i]}:${parts[i + 1]}`, parts[i + 2].trim())
  const modules = front.modules.map((mod) => {
    const html = { en: '', id: '' }
    for (const lang of ['en', 'id'] as const) {
      const body = sections.get(`${mod.id}:${lang}`)
      if (!body) throw new CourseFileError(`${name}: module ${mod.id} has no ${lang} section`)
      html[lang] = micromark(body)
    }
    return { id: mod.id, title: mod.title, html }
  })
  return {
    id: front.id,
    position: front.position,
    hash: createHash('sha256').update(text).digest('hex'),
    content: { title: front.title, summary: front.summary, modules },
    certification: cert ?? null,
  }
}

export function coursesDir() {
  return path.resolve(process.env.MITRA_CONTENT_DIR ?? 'content', 'courses')
}

/** Every course file of the folder, in file-name order. */
export function readCourseFiles(dir = coursesDir()): CourseFile[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => parseCourseFile(fs.readFileSync(path.join(dir, f), 'utf8'), f))
}
