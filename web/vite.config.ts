// Vite build of the web app into dist/, served by the C server under /app/.
// `npm run dev` proxies the API to a server on 127.0.0.1:8080.
/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/app/',
  plugins: [react()],
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 900 },
  server: {
    proxy: Object.fromEntries(['/movies', '/actors', '/casts', '/auth', '/roles', '/auditions', '/shares', '/shared', '/audit'].map((p) => [p, api])),
  },
  test: {
    environment: 'jsdom',
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['tests/unit/setup.ts'],
    globals: false,
    testTimeout: 15000,
  },
});
