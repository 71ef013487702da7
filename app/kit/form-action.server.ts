import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs } from '@remix-run/node'
import type { z } from 'zod'
import type { Actor } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import type { MessageKey } from '../utils/i18n'
import { handle } from '../utils/route.server'
import { redirectWithToast, type Toast } from '../utils/toast.server'

type Done = { to: string; toast: Toast }

/** One verb behind a form: its zod schema, the service call, and where the user goes next. */
export type FormVerb<S extends z.ZodType, R> = {
  /** Runs before the form is read: the record must exist for this actor (404) before its input is judged (400). */
  guard?: (actor: Actor, args: ActionFunctionArgs) => Promise<unknown>
  schema: S
  run: (actor: Actor, input: z.output<S>, args: ActionFunctionArgs) => Promise<R>
  done: (result: R, args: ActionFunctionArgs) => Done
}

export function verb<S extends z.ZodType, R>(v: FormVerb<S, R>): FormVerb<S, R> {
  return v
}

/**
 * An action in one line of configuration: require the actor → parse the form with zod (400 with
 * the field errors and what the user typed) → the verb → redirect with a toast. Service errors
 * become statuses and words in handle(): NotFound 404, Forbidden 403, InvalidTransition 409…
 */
export function formAction<S extends z.ZodType, R>(v: FormVerb<S, R>) {
  return handle(async (args: ActionFunctionArgs) => {
    const actor = await requireActor(args.request)
    await v.guard?.(actor, args)
    const submission = parseWithZod(await args.request.formData(), { schema: v.schema })
    if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
    const result = await v.run(actor, submission.value as z.output<S>, args)
    const done = v.done(result, args)
    return redirectWithToast(done.to, done.toast)
  })
}

/**
 * A page with several buttons (approve, reject, withdraw…): a typed table of verbs chosen by the
 * form's `intent`. An unknown intent is a 400 with words, never a 500.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function intentAction(verbs: Record<string, FormVerb<any, any>>, unknownIntent: MessageKey = 'errors.generic') {
  return handle(async (args: ActionFunctionArgs) => {
    const actor = await requireActor(args.request)
    const form = await args.request.formData()
    const intent = String(form.get('intent') ?? '')
    const v = Object.prototype.hasOwnProperty.call(verbs, intent) ? verbs[intent] : undefined
    if (!v) return json({ status: 'error' as const, intent, message: unknownIntent }, { status: 400 })
    // as in formAction: the record must exist for this actor (404) before its input is judged (400)
    await v.guard?.(actor, args)
    const submission = parseWithZod(form, { schema: v.schema })
    if (submission.status !== 'success') {
      const first = Object.values(submission.error ?? {}).flat()[0]
      return json({ ...submission.reply(), intent, message: first ?? 'errors.checkForm' }, { status: 400 })
    }
    const result = await v.run(actor, submission.value, args)
    const done = v.done(result, args)
    return redirectWithToast(done.to, done.toast)
  })
}
