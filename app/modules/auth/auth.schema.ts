import { z } from 'zod'

// Client-safe schemas: no server imports here. Messages are i18n keys, translated where shown.
export const PASSWORD_MIN = 10

export const password = z
  .string({ error: 'errors.required' })
  .min(PASSWORD_MIN, { message: 'errors.passwordTooShort' })
  .max(200, { message: 'errors.tooLong' })

export const email = z
  .string({ error: 'errors.required' })
  .trim()
  .max(254, { message: 'errors.tooLong' })
  .pipe(z.email({ message: 'errors.email' }))
  .transform((v) => v.toLowerCase())

export const LoginSchema = z.object({
  email: z.string({ error: 'errors.required' }).trim().min(1, { message: 'errors.required' }).max(254, { message: 'errors.tooLong' }),
  password: z.string({ error: 'errors.required' }).min(1, { message: 'errors.required' }).max(200, { message: 'errors.tooLong' }),
  redirectTo: z.string().optional(),
})

export const ForgotPasswordSchema = z.object({ email })

export const ResetPasswordSchema = z
  .object({ token: z.string().min(1), password, confirm: z.string({ error: 'errors.required' }) })
  .refine((v) => v.password === v.confirm, { message: 'errors.passwordMismatch', path: ['confirm'] })

export const AcceptInvitationSchema = ResetPasswordSchema

export const ChangePasswordSchema = z
  .object({ current: z.string({ error: 'errors.required' }).min(1, { message: 'errors.required' }), password, confirm: z.string({ error: 'errors.required' }) })
  .refine((v) => v.password === v.confirm, { message: 'errors.passwordMismatch', path: ['confirm'] })
