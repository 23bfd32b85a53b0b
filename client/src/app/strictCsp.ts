import { z } from 'zod';

/**
 * The server's Content-Security-Policy has no 'unsafe-eval' (server/src/http/securityHeaders.ts).
 * zod probes for eval with `new Function("")` to pick its JIT parser — caught, but still a CSP
 * violation report on every page. Jitless mode skips the probe; our schemas are small, the
 * interpreted parser is fast enough. Imported first by main.tsx, before any schema parses.
 */
z.config({ jitless: true });
