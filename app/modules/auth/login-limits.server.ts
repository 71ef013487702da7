// Sign-in throttling after OWASP's "Slow down online guessing attacks with device cookies":
// - a browser that signed in successfully as a user keeps a signed device cookie for that user;
// - with a valid device cookie, only that cookie's own failures count (10 in 15 minutes and the
//   cookie is no longer trusted): the lockouts aimed at unknown clients never apply to it, so an
//   attacker hammering an account or an office's IP cannot lock its people out of their browsers;
// - without one (an unknown client) failures count per account, with exponential back-off
//   (15 minutes, then 30, 60… up to a day for the locks of the last day) and per IP (30 in
//   15 minutes), so credential stuffing from fresh clients stays throttled.
// Counters live in rate_limits through rate-limiter-flexible (shared by every app server).
import crypto from 'node:crypto'
import { getEnv } from '../../utils/env.server'
import { parseCookies } from '../../utils/cookies'
import { limiter, type LimitSpec } from '../limits/limits.server'

export const LOGIN_WINDOW_SECONDS = 15 * 60
export const MAX_FAILURES_PER_ACCOUNT = 5
export const MAX_FAILURES_PER_IP = 30
export const MAX_FAILURES_PER_DEVICE = 10
export const MAX_LOCK_SECONDS = 24 * 60 * 60
export const DEVICE_COOKIE = 'mitra_device'
const DEVICE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60

const ACCOUNT: LimitSpec = { points: MAX_FAILURES_PER_ACCOUNT, durationSeconds: LOGIN_WINDOW_SECONDS }
const ACCOUNT_LOCKS: LimitSpec = { points: 64, durationSeconds: MAX_LOCK_SECONDS }
// the limit that is reached blocks for LOGIN_WINDOW_SECONDS from that moment (recordLoginFailure)
const IP: LimitSpec = { points: MAX_FAILURES_PER_IP, durationSeconds: LOGIN_WINDOW_SECONDS }
const DEVICE: LimitSpec = { points: MAX_FAILURES_PER_DEVICE, durationSeconds: LOGIN_WINDOW_SECONDS }

const account = () => limiter('login_account', ACCOUNT)
const accountLocks = () => limiter('login_account_locks', ACCOUNT_LOCKS)
const ip = () => limiter('login_ip', IP)
const device = () => limiter('login_device', DEVICE)

function accountKey(email: string) {
  // the address itself never sits in the limits table
  return crypto.createHash('sha256').update(email).digest('base64url').slice(0, 32)
}

function sign(payload: string) {
  return crypto.createHmac('sha256', `device-cookie:${getEnv().SESSION_SECRET}`).update(payload).digest('base64url')
}

/** A new device cookie value for `email`: `<email, base64url>.<nonce>.<signature>`. */
export function newDeviceCookieValue(email: string): string {
  const payload = `${Buffer.from(email).toString('base64url')}.${crypto.randomBytes(16).toString('base64url')}`
  return `${payload}.${sign(payload)}`
}

/** The device id (nonce) of a cookie that is genuine and issued for `email`, else null. */
export function deviceFor(cookieValue: string | null | undefined, email: string): string | null {
  if (!cookieValue || cookieValue.length > 300) return null
  const parts = cookieValue.split('.')
  if (parts.length !== 3) return null
  const [who, nonce, signature] = parts
  const expected = Buffer.from(sign(`${who}.${nonce}`))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null
  if (Buffer.from(who, 'base64url').toString() !== email) return null
  return nonce
}

export function readDeviceCookie(cookieHeader: string | null): string | null {
  return parseCookies(cookieHeader).get(DEVICE_COOKIE) ?? null
}

export function deviceCookieHeader(value: string, secure: boolean): string {
  return `${DEVICE_COOKIE}=${value}; Path=/login; HttpOnly; SameSite=Strict; Max-Age=${DEVICE_MAX_AGE_SECONDS}${secure ? '; Secure' : ''}`
}

const lockedFor = (res: { consumedPoints: number; msBeforeNext: number } | null, points: number) => (res && res.consumedPoints >= points ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0)

/** Seconds this attempt must wait (0: go ahead). A trusted device is checked against its own counter only. */
export async function loginWait(email: string, clientIp: string, deviceId: string | null): Promise<{ trusted: boolean; waitSeconds: number }> {
  if (deviceId) {
    const own = await device().get(deviceId)
    if (!lockedFor(own, DEVICE.points)) return { trusted: true, waitSeconds: 0 }
  }
  const [byAccount, byIp] = await Promise.all([account().get(accountKey(email)), ip().get(clientIp)])
  return { trusted: false, waitSeconds: Math.max(lockedFor(byAccount, ACCOUNT.points), lockedFor(byIp, IP.points)) }
}

/**
 * Counts a failed attempt. Returns the lock length in seconds when this failure locked the
 * account (the caller tells its owner), else 0.
 */
export async function recordLoginFailure(email: string, clientIp: string, deviceId: string | null, trusted: boolean): Promise<number> {
  if (trusted && deviceId) {
    const own = await device().penalty(deviceId, 1)
    if (own.consumedPoints === DEVICE.points) await device().block(deviceId, LOGIN_WINDOW_SECONDS)
    return 0
  }
  const byIp = await ip().penalty(clientIp, 1)
  if (byIp.consumedPoints === IP.points) await ip().block(clientIp, LOGIN_WINDOW_SECONDS)
  const key = accountKey(email)
  const res = await account().penalty(key, 1)
  if (res.consumedPoints !== ACCOUNT.points) return 0
  // this failure is the one that locks: 15 minutes, doubled for each lock in the last day
  const earlier = (await accountLocks().penalty(key, 1)).consumedPoints - 1
  const seconds = Math.min(LOGIN_WINDOW_SECONDS * 2 ** earlier, MAX_LOCK_SECONDS)
  await account().block(key, seconds)
  return seconds
}

/** A success forgets the device's own failures; the account's and IP's counters run out on their own. */
export async function recordLoginSuccess(deviceId: string | null) {
  if (deviceId) await device().delete(deviceId)
}
