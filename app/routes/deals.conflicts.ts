import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { requireActor } from '../modules/auth/require-actor.server'
import { describeReason } from '../modules/matching/company-match'
import { ConflictQuerySchema } from '../modules/deals/deals.schema'
import { checkConflicts } from '../modules/deals/deals.server'
import { handle } from '../utils/route.server'

/** The live conflict check the registration form calls while the partner types. */
export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const url = new URL(request.url)
  const parsed = ConflictQuerySchema.safeParse(Object.fromEntries(url.searchParams))
  if (!parsed.success) return json({ possibleConflict: false, matches: [], alreadyRegistered: [] }, { status: 400 })
  const { name, website, npwp, exclude } = parsed.data
  const result = await checkConflicts(actor, { name, website, npwp }, exclude)
  return json(
    {
      possibleConflict: result.possibleConflict,
      alreadyRegistered: result.alreadyRegistered,
      matches: result.matches.slice(0, 10).map((m) => ({ type: m.type, label: m.label, score: m.score, reasons: m.reasons.map((r) => describeReason(r, actor.locale)) })),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
})
