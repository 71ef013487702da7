/**
 * The menu's icons: simple 24-px strokes in the current colour, decorative (the label says it).
 * Keyed by name so the menu data (auth/navigation.ts) stays free of markup.
 */
const PATHS = {
  home: 'M3 11l9-7 9 7M5 10v10h5v-6h4v6h5V10',
  inbox: 'M4 4h16v12h-5l-1.5 3h-3L9 16H4zM4 16v4h16v-4',
  handshake: 'M2 12l4-4 4 2 3-2 4 1 5 3M6 8v6l4 4 3-1 3 1 3-3M10 18l2-2',
  users: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21c0-4 3-6 7-6s7 2 7 6M16 3.5a4 4 0 0 1 0 7.5M19 15c2 1 3 3 3 6',
  truck: 'M2 6h12v10H2zM14 9h4l4 4v3h-8M6 19a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM18 19a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
  building: 'M4 21V4h10v17M14 9h6v12M8 8h2M8 12h2M8 16h2M2 21h20',
  book: 'M4 4h6a3 3 0 0 1 3 3v13a2 2 0 0 0-2-2H4zM20 4h-6a3 3 0 0 0-3 3',
  briefcase: 'M3 7h18v13H3zM8 7V4h8v3M3 12h18',
  contact: 'M4 3h16v18H4zM12 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM7 17c1-2 3-3 5-3s4 1 5 3',
  target: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 16a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM12 12h.01',
  spark: 'M12 2v4M12 18v4M2 12h4M18 12h4M5 5l3 3M16 16l3 3M5 19l3-3M16 8l3-3',
  columns: 'M3 4h5v16H3zM10 4h5v10h-5zM17 4h4v13h-4z',
  settings: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19 12l2-1-1-3-2 .5-1.5-1.5.5-2-3-1-1 2h-2l-1-2-3 1 .5 2L6 7.5 4 7 3 10l2 1v2l-2 1 1 3 2-.5L7.5 18 7 20l3 1 1-2h2l1 2 3-1-.5-2 1.5-1.5 2 .5 1-3-2-1z',
  scale: 'M12 3v18M7 21h10M5 7h14M5 7l-3 7a3 3 0 0 0 6 0zM19 7l-3 7a3 3 0 0 0 6 0z',
  money: 'M2 6h20v12H2zM12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM6 9v.01M18 15v.01',
  cap: 'M2 9l10-5 10 5-10 5zM6 11v5c3 2 9 2 12 0v-5M22 9v6',
  folder: 'M3 6h6l2 2h10v12H3z',
  calendar: 'M3 5h18v16H3zM3 10h18M8 3v4M16 3v4',
  clipboard: 'M8 4h8v3H8zM6 5H4v16h16V5h-2M8 12h8M8 16h5',
  chart: 'M4 20V4M4 20h16M8 16v-5M12 16V8M16 16v-8',
  dot: 'M12 13a1 1 0 1 0 0-2 1 1 0 0 0 0 2z',
} as const
export type IconName = keyof typeof PATHS

export function NavIcon({ name }: { name: IconName }) {
  return (
    <svg className="nav-icon" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  )
}
