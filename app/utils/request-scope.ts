import { AsyncLocalStorage } from 'node:async_hooks'

// One store per HTTP request, opened by server.ts around the whole handler. The root,
// layout and page loaders of one request each ask who the actor is; the store lets them
// share one answer. The instance lives on globalThis because server.ts and the app build
// load this module separately and must see the same storage.
const KEY = Symbol.for('mitra.requestScope')
const holder = globalThis as unknown as Record<symbol, AsyncLocalStorage<Map<string, unknown>> | undefined>
export const requestScope: AsyncLocalStorage<Map<string, unknown>> = (holder[KEY] ??= new AsyncLocalStorage<Map<string, unknown>>())

/** The value computed once per request for `key` (computed every time outside a request). */
export function perRequest<T>(key: string, compute: () => T): T {
  const store = requestScope.getStore()
  if (!store) return compute()
  if (store.has(key)) return store.get(key) as T
  const value = compute()
  store.set(key, value)
  return value
}
