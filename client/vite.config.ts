import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './build/precompress';

/**
 * Dev server on 5173 proxies the API and the sync WebSocket to the Node server (default port
 * 8080, `npm start -w server`), so the browser sees one origin as in production, where the
 * server serves client/dist itself.
 */
const SERVER = 'http://localhost:8080';

export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    proxy: {
      '/api': { target: SERVER, changeOrigin: true },
      '/sync': { target: SERVER, ws: true, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Source maps help read production stack traces from participants' screenshots.
    sourcemap: true,
  },
});
