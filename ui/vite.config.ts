import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Tauri loads the built files from disk and serves the dev server on a fixed port (tauri.conf.json).
export default defineConfig({
  plugins: [react()],
  base: './',
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  // One local bundle: the app loads it from disk, so splitting it would buy nothing.
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 1500 },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    restoreMocks: true,
    isolate: false,
    // A time zone away from UTC, so that local days are tested as the people who use them see them.
    env: { TZ: 'America/New_York' },
  },
});
