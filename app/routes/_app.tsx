import { NavIcon } from '../components/nav-icon'
import { BrandName } from '../components/brand'
import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Outlet, useLoaderData, useLocation } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { useRef } from 'react'
import { navigationFor } from '../modules/auth/navigation'
import { requireActor } from '../modules/auth/require-actor.server'
import { unreadCount } from '../modules/notify/notify.server'
import { useT } from '../utils/use-t'

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request)
  return json({
    user: { name: actor.name, email: actor.email, role: actor.role, orgName: actor.orgName, orgKind: actor.orgKind, locale: actor.locale },
    nav: navigationFor(actor),
    unread: await unreadCount(actor),
  })
}

export default function AppShell() {
  const { user, nav, unread } = useLoaderData<typeof loader>()
  const { t } = useT()
  const location = useLocation()
  const matches = (to: string) => {
    const [path, query] = to.split('?')
    if (path === '/') return location.pathname === '/'
    if (location.pathname !== path && !location.pathname.startsWith(`${path}/`)) return false
    return !query || location.search.includes(query)
  }
  // the most specific entry wins: /deals/approvals, not /deals as well
  const activeTo = nav.filter((i) => matches(i.to)).sort((a, b) => b.to.length - a.to.length)[0]?.to
  const isActive = (to: string) => to === activeTo
  const activeItem = nav.find((i) => i.to === activeTo)
  const toggle = useRef<HTMLInputElement>(null)
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        {t('nav.skipToContent')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <BrandName />
        </Link>
        <span className="org-name">{user.orgName}</span>
        <div className="topbar-right">
          <Link to="/notifications" className="bell" aria-label={t('notifications.unread', { count: unread })}>
            <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
              <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
              <path d="M13.73 21a2 2 0 0 1-3.46 0" />
            </svg>
            {unread > 0 ? <span className="bell-count">{unread}</span> : null}
          </Link>
          <Form method="post" action="/locale" className="inline">
            <input type="hidden" name="locale" value={user.locale === 'id' ? 'en' : 'id'} />
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            <button type="submit" className="link-button" lang={user.locale === 'id' ? 'en' : 'id'}>
              {user.locale === 'id' ? 'English' : 'Bahasa Indonesia'}
            </button>
          </Form>
          <Link to="/profile" className="user-link">
            {user.name}
          </Link>
          <Form method="post" action="/logout" className="inline">
            <button type="submit" className="link-button">
              {t('auth.logout')}
            </button>
          </Form>
        </div>
      </header>
      <div className="shell-body">
        <nav className="sidenav" aria-label={t('nav.main')}>
          {/* phones: the menu folds behind a toggle that works without JavaScript (a checkbox and
              its label); on wider screens both are hidden and the list always shows */}
          <input type="checkbox" id="menu-toggle" className="menu-toggle" ref={toggle} />
          <label htmlFor="menu-toggle" className="menu-toggle-label">
            <span aria-hidden="true">☰</span> {t('nav.menu')}
            {activeItem ? <span className="menu-current"> · {t(activeItem.label)}</span> : null}
          </label>
          <ul>
            {nav.map((item) => (
              <li key={item.to}>
                <Link
                  to={item.to}
                  className={isActive(item.to) ? 'active' : undefined}
                  aria-current={isActive(item.to) ? 'page' : undefined}
                  onClick={() => {
                    if (toggle.current) toggle.current.checked = false
                  }}
                >
                  <NavIcon name={item.icon} />
                  {t(item.label)}
                </Link>
              </li>
            ))}
          </ul>
          <p className="role-label">{t(`roles.${user.role}`)}</p>
        </nav>
        <main id="main" className="content">
          <Outlet />
        </main>
      </div>
    </div>
  )
}
