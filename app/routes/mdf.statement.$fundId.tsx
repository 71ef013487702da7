import type { LoaderFunctionArgs } from '@remix-run/node'
import { scopeOf } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { statementPdf } from '../modules/mdf/mdf.server'
import { isLocale } from '../utils/i18n'
import { pdfResponse } from '../utils/pdf.server'
import { handle } from '../utils/route.server'

/** A partner's MDF statement for one fund: their own (partners), any partner's with ?org= (vendor staff). */
export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const url = new URL(request.url)
  const orgId = scopeOf(actor, 'read:mdf') === 'any' ? (url.searchParams.get('org') ?? '') : actor.orgId
  const wanted = url.searchParams.get('lang')
  const { bytes, fileName } = await statementPdf(actor, params.fundId!, orgId, isLocale(wanted) ? wanted : actor.locale)
  return pdfResponse(bytes, fileName)
})
