/** Only same-site paths, so a `redirectTo` cannot bounce users to another site. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/') {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  // Browsers drop tabs and line breaks from a URL and read `\` as `/`, so `/<TAB>/evil.example`
  // lands on evil.example; a line break would also break the Location header.
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback
  return to
}

/**
 * Where a record's action sends the user after a decision taken from a list (the approval queue
 * posts to the record's page with `?returnTo=/approvals…`): that list, else the record's page.
 */
export function backTo(request: Request, fallback: string) {
  const wanted = new URL(request.url).searchParams.get('returnTo')
  return wanted && wanted.startsWith('/approvals') ? safeRedirect(wanted, fallback) : fallback
}
