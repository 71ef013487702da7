import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { requireCapability } from '../modules/auth/require-actor.server'
import { opportunitiesCsv } from '../modules/reports/reports.server'
import { csvResponse } from '../utils/csv-export'
import { handle } from '../utils/route.server'

/** Every opportunity as CSV, streamed (?source=partner|direct, ?partner=<id>). */
export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireCapability(request, 'read:reports')
  const url = new URL(request.url)
  const source = z.enum(['partner', 'direct']).safeParse(url.searchParams.get('source')).data
  const partnerOrgId = z.string().max(64).safeParse(url.searchParams.get('partner') || undefined).data
  return csvResponse(opportunitiesCsv(actor, { source, partnerOrgId }), `opportunities${source ? `-${source}` : ''}.csv`)
})
