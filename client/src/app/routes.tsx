import { type ComponentType, lazy } from 'react';
import type { RouteParams } from './router';

/**
 * The route table. Each screen is a component that receives the path parameters as props.
 * Everything but the start page is lazy, so a participant's phone downloads the board only,
 * never the instructor console.
 */
export interface RouteDefinition {
  pattern: string;
  component: ComponentType<RouteParams>;
}

const StartPage = lazy(() => import('../join/StartPage'));
const BoardPage = lazy(() => import('../board/BoardPage'));

// ─── Engineer I: instructor, presentation and print routes ─────────────────────────────────
// Replace each placeholder import with your screen, keeping React.lazy so participants never
// download it, e.g. lazy(() => import('../instructor/OrganiserPage')).
const OrganiserPage = lazy(() => import('../instructor/OrganiserPage'));
const InstructorPage = lazy(() => import('../instructor/InstructorPage'));
const PresentationPage = lazy(() => import('../presentation/PresentationPage'));
const PrintPage = lazy(() => import('../print/PrintPage'));
// ─── end of engineer I's entries ───────────────────────────────────────────────────────────

export const ROUTES: readonly RouteDefinition[] = [
  { pattern: '/', component: StartPage },
  { pattern: '/join', component: StartPage },
  { pattern: '/join/:code', component: StartPage },
  { pattern: '/board/:workshopId/:groupId', component: BoardPage },
  // Engineer I:
  { pattern: '/organiser', component: OrganiserPage },
  { pattern: '/instructor/:workshopId', component: InstructorPage },
  { pattern: '/present/:workshopId', component: PresentationPage },
  { pattern: '/print/:workshopId', component: PrintPage },
];
