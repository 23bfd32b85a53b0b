/**
 * Inline SVG icons. Emoji and rare symbols (🔒, ✉, ✎, ✓, ↶) render as empty boxes where no
 * emoji/symbol font is installed (Linux and Windows kiosk set-ups), and screen readers read
 * them inconsistently. These draw with currentColor at the text's size (1em), so they follow
 * the surrounding text; they are decorative by default (the visible word beside them carries
 * the meaning) and get role="img" with a name when `label` is given.
 *
 * Paths are drawn on a 24×24 grid with a 2-px stroke (the common icon-set convention).
 */
const PATHS = {
  lock: 'M6 11h12v10H6zM8.5 11V7.5a3.5 3.5 0 0 1 7 0V11',
  plus: 'M12 5v14M5 12h14',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  pencil: 'M4 20l1-4L16 5l3 3L8 19zM14 7l3 3',
  mail: 'M3 6h18v12H3zM3 6l9 7 9-7',
  undo: 'M9 14L4 9l5-5M4 9h11a5 5 0 0 1 0 10h-4',
  redo: 'M15 14l5-5-5-5M20 9H9a5 5 0 0 0 0 10h4',
  star: 'M12 3.5l2.6 5.6 6.1.7-4.5 4.2 1.2 6L12 17l-5.4 3 1.2-6-4.5-4.2 6.1-.7z',
  flag: 'M5 21V4M5 4h11l-2 4 2 4H5',
} as const;

export type IconName = keyof typeof PATHS;

/** Icons drawn as solid shapes rather than outlines. */
const FILLED: ReadonlySet<IconName> = new Set(['star']);

export function Icon({ name, label }: { name: IconName; label?: string }) {
  return (
    <svg
      className={`icon icon--${name}`}
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      fill={FILLED.has(name) ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      focusable="false"
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
