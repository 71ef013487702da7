import { defineMachine } from '../../kit/machine'

// A certificate's life as one table: issued valid (by passing the exam or a manager's grant);
// the expiry job moves it to expired; a manager may revoke a valid one. Recertification issues a
// new certificate, so an expired or revoked one never comes back.
export const CERTIFICATE_STATUSES = ['valid', 'expired', 'revoked'] as const
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number]

export const certificateMachine = defineMachine({
  statuses: CERTIFICATE_STATUSES,
  transitions: {
    expire: { from: ['valid'], to: 'expired', by: 'system' },
    revoke: { from: ['valid'], to: 'revoked', by: 'manager' },
  },
})

/** The partner tiers, lowest first; the column lives on organisations (owned by orgs). */
export const TIERS = ['registered', 'silver', 'gold', 'platinum'] as const
export type Tier = (typeof TIERS)[number]
export const tierRank = (t: string | null | undefined) => Math.max(0, TIERS.indexOf((t ?? 'registered') as Tier))

/** Days before expiry when the holder is reminded, each once. */
export const CERTIFICATE_REMINDER_DAYS = [60, 30, 7] as const
