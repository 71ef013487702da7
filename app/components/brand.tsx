import { useRouteLoaderData } from '@remix-run/react'
import { DEFAULT_BRAND, type Brand } from '../utils/brand'

/** The vendor's brand from the root loader (the default before it has loaded, e.g. on error pages). */
export function useBrand(): Brand {
  const data = useRouteLoaderData('root') as { brand?: Brand } | undefined
  return data?.brand ?? DEFAULT_BRAND
}

/** The brand mark: two linked rings (a partner and a vendor) in the brand colour, then the name. */
export function BrandName() {
  const brand = useBrand()
  return (
    <>
      <svg className="brand-mark" width="26" height="26" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="8" fill="var(--teal-700)" />
        <circle cx="12.5" cy="16" r="6.5" fill="none" stroke="#fff" strokeWidth="2.6" />
        <circle cx="19.5" cy="16" r="6.5" fill="none" stroke="var(--teal-100)" strokeWidth="2.6" />
      </svg>
      <span>{brand.name}</span>
    </>
  )
}
