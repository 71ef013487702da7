import { Form as RemixForm, Link as RemixLink, useNavigate, useSubmit, type FormProps, type LinkProps } from '@remix-run/react'
import { forwardRef, useEffect } from 'react'

/**
 * The app's links and forms. A link to a path of this app (`/accounts/…`, `?page=2`, `#notes`), and a form with
 * an explicit absolute action (`/deals/…?returnTo=…`, `/logout`), render as the plain element, without hooks; the
 * two listeners of `useDelegatedNavigation` (mounted once, in root.tsx) turn their clicks and submissions into
 * client-side navigations, as Remix's `<Link>` and `<Form>` do.
 *
 * Why: Remix's `<Link>` resolves its path, builds a click handler and reads three router contexts for every link it
 * renders, and its `<Form>` resolves its action and builds a submit function for every form. On a list of 50 rows
 * with two links and three forms each that was 15 % of the page's server render time (issue 10, measured in
 * process with bench/experiments/page-time.ts). Anything else (a relative path such as ".", `state`, `replace`,
 * prefetching, `reloadDocument`, an `onSubmit` of its own, a fetcher) goes through Remix's component unchanged.
 *
 * `data-discover` is what Remix's own links and forms carry: it lets route discovery (fog of war) load the routes of
 * the links on the page ahead of a click, and it marks the elements the listeners may take over.
 */
export const Link = forwardRef<HTMLAnchorElement, LinkProps>(function Link(props, ref) {
  const { to, prefetch, discover, reloadDocument, replace, state, preventScrollReset, relative, viewTransition, ...anchor } = props
  const plain = typeof to === 'string' && /^(\/(?!\/)|\?|#)/.test(to) && !reloadDocument && !replace && state === undefined && !preventScrollReset && !relative && !viewTransition && (!prefetch || prefetch === 'none') && discover !== 'none'
  if (!plain) return <RemixLink ref={ref} {...props} />
  return <a ref={ref} href={to} data-discover="true" {...anchor} />
})

export const Form = forwardRef<HTMLFormElement, FormProps>(function Form(props, ref) {
  const { action, method = 'get', discover, reloadDocument, replace, state, preventScrollReset, relative, viewTransition, navigate, fetcherKey, onSubmit, encType, ...form } = props
  const plain = typeof action === 'string' && /^\/(?!\/)/.test(action) && !reloadDocument && !replace && state === undefined && !preventScrollReset && !relative && !viewTransition && navigate === undefined && fetcherKey === undefined && !onSubmit && !encType && discover !== 'none'
  if (!plain) return <RemixForm ref={ref} {...props} />
  return <form ref={ref} method={method.toLowerCase() === 'get' ? 'get' : 'post'} action={action} data-discover="true" {...form} />
})

const isPlainClick = (event: MouseEvent) => event.button === 0 && !event.metaKey && !event.altKey && !event.ctrlKey && !event.shiftKey

/**
 * One click and one submit listener for the whole document, for the elements rendered by `Link` and `Form` above.
 * A plain click (main button, no modifier key, no `target`, no `download`) on such an anchor navigates in the app
 * instead of reloading the page, as `useLinkClickHandler` does for each of Remix's links (a link to the current
 * location replaces its history entry rather than adding one); a submission of such a form goes through the
 * router, as Remix's `<Form>` sends it (the button that submitted it included). They listen on `window`, after
 * React's own listener on the document, so a click or a submission that Remix's components or a handler of the
 * page have already taken (`preventDefault`; a declined confirmation) is left alone.
 */
export function useDelegatedNavigation() {
  const navigateTo = useNavigate()
  const submit = useSubmit()
  useEffect(() => {
    const sameOrigin = (url: URL) => url.origin === window.location.origin
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || !isPlainClick(event)) return
      const anchor = event.target instanceof Element ? event.target.closest('a[data-discover]') : null
      if (!(anchor instanceof HTMLAnchorElement) || anchor.hasAttribute('download') || (anchor.target && anchor.target !== '_self')) return
      const url = new URL(anchor.href, window.location.href)
      if (!sameOrigin(url)) return
      event.preventDefault()
      const path = `${url.pathname}${url.search}${url.hash}`
      navigateTo(path, { replace: path === `${window.location.pathname}${window.location.search}${window.location.hash}` })
    }
    const onSubmit = (event: SubmitEvent) => {
      const form = event.target
      if (event.defaultPrevented || !(form instanceof HTMLFormElement) || !form.hasAttribute('data-discover')) return
      if (form.target && form.target !== '_self') return
      const submitter = event.submitter instanceof HTMLButtonElement || event.submitter instanceof HTMLInputElement ? event.submitter : null
      if (!sameOrigin(new URL(submitter?.getAttribute('formaction') || form.action, window.location.href))) return
      event.preventDefault()
      // the router reads the action, the method (the button's formmethod first) and the fields as the browser would
      submit(submitter ?? form)
    }
    window.addEventListener('click', onClick)
    window.addEventListener('submit', onSubmit)
    return () => {
      window.removeEventListener('click', onClick)
      window.removeEventListener('submit', onSubmit)
    }
  }, [navigateTo, submit])
}
