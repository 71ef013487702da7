import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireActor } from '../modules/auth/require-actor.server'
import { remittancePdf } from '../modules/mdf/mdf.server'
import { isLocale } from '../utils/i18n'
import { pdfResponse } from '../utils/pdf.server'
import { handle } from '../utils/route.server'

/** The remittance advice of a paid claim, in the language asked for (?lang=id|en), else the reader's. */
export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const wanted = new URL(request.url).searchParams.get('lang')
  const { bytes, fileName } = await remittancePdf(actor, params.claimId!, isLocale(wanted) ? wanted : actor.locale)
  return pdfResponse(bytes, fileName)
})
