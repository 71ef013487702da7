import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'

/** A random, unguessable id (120 bits, base32). Never sequential, so ids in URLs cannot be probed. */
export function newId(): string {
  const bytes = new Uint8Array(15)
  crypto.getRandomValues(bytes)
  return encodeBase32LowerCaseNoPadding(bytes)
}

/** A secret for tokens (160 bits). */
export function newSecret(): string {
  const bytes = new Uint8Array(20)
  crypto.getRandomValues(bytes)
  return encodeBase32LowerCaseNoPadding(bytes)
}
