/** Only same-site paths, so a `redirectTo` cannot bounce users to another site. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/') {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  // Browsers drop tabs and line breaks from a URL and read `\` as `/`, so `/<TAB>/evil.example`
  // lands on evil.example; a line break would also break the Location header.
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback
  return to
}
