import { handle } from '../utils/route.server'
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { getOptionalActor } from '../modules/auth/require-actor.server'
import { setUserLocale } from '../modules/orgs/orgs.server'
import { safeRedirect } from '../utils/redirect'

const Schema = z.object({ locale: z.enum(['id', 'en']), redirectTo: z.string().optional() })

export async function loader() {
  return redirect('/')
}

/** Switches the language: stored on the user when signed in, in a cookie before that. */
export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const parsed = Schema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return redirect('/')
  const actor = getOptionalActor(request)
  if (actor) await setUserLocale(actor, parsed.data.locale)
  return redirect(safeRedirect(parsed.data.redirectTo), {
    headers: { 'Set-Cookie': `mitra_lang=${parsed.data.locale}; Path=/; SameSite=Lax; Max-Age=31536000` },
  })
})
