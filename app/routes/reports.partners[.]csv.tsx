import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { requireCapability } from '../modules/auth/require-actor.server'
import { TIERS } from '../modules/orgs/orgs.schema'
import { partnersCsv } from '../modules/reports/reports.server'
import { csvResponse } from '../utils/csv-export'
import { handle } from '../utils/route.server'

/** The partners list as CSV, with the list's filters (?q, ?tier, ?region). */
export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireCapability(request, 'read:reports')
  const p = new URL(request.url).searchParams
  return csvResponse(
    partnersCsv(actor, { q: z.string().trim().max(200).catch('').parse(p.get('q') ?? ''), tier: z.enum(TIERS).safeParse(p.get('tier')).data, region: z.string().max(100).safeParse(p.get('region') || undefined).data }),
    'partners.csv',
  )
})
