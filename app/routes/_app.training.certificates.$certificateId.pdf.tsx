import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireActor } from '../modules/auth/require-actor.server'
import { certificatePdf } from '../modules/training/training.server'
import { pdfResponse } from '../utils/pdf.server'
import { handle } from '../utils/route.server'

/** The certificate as a PDF: the holder, their organisation and vendor staff; another organisation's is 404. */
export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const { bytes, fileName } = await certificatePdf(actor, params.certificateId!)
  return pdfResponse(bytes, fileName)
})
