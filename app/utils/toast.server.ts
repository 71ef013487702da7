import { createCookie, redirect } from '@remix-run/node'
import { z } from 'zod'
import { getEnv } from './env.server'
import type { MessageKey } from './i18n'

export type Toast = { key: MessageKey; params?: Record<string, string | number>; type?: 'success' | 'error' }

function toastCookie() {
  return createCookie('mitra_toast', { path: '/', httpOnly: true, sameSite: 'lax', secrets: [getEnv().SESSION_SECRET], maxAge: 60 })
}

const ToastSchema = z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional(), type: z.enum(['success', 'error']).optional() })

/** A redirect that shows a one-time message on the next page (Post/Redirect/Get). */
export async function redirectWithToast(url: string, toast: Toast, init: ResponseInit = {}) {
  const headers = new Headers(init.headers)
  headers.append('Set-Cookie', await toastCookie().serialize(toast))
  return redirect(url, { ...init, headers })
}

/** Reads the toast and returns the header that clears it. */
export async function readToast(request: Request): Promise<{ toast: z.infer<typeof ToastSchema> | null; headers: Headers }> {
  const headers = new Headers()
  const raw = await toastCookie().parse(request.headers.get('cookie'))
  if (!raw) return { toast: null, headers }
  headers.append('Set-Cookie', await toastCookie().serialize('', { maxAge: 0 }))
  const parsed = ToastSchema.safeParse(raw)
  return { toast: parsed.success ? parsed.data : null, headers }
}
