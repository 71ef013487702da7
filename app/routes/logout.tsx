import { handle } from '../utils/route.server'
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { clearSessionCookie, invalidateSession, readSessionToken } from '../modules/auth/auth.server'

export async function loader() {
  // signing out changes state, so it is a POST; a GET just goes home
  return redirect('/')
}

export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const token = readSessionToken(request)
  const id = token?.split('.')[0]
  if (id) invalidateSession(id)
  return redirect('/login', { headers: { 'Set-Cookie': clearSessionCookie(request) } })
})
