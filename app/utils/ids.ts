import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'

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

/** What is stored of a secret token (sessions, reset links, invitations): its SHA-256, never the token. */
export function hashToken(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)))
}
