/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'

// One config for the app, its module worker and the unit tests.
// Workers are built as ES modules so the engine chunk can use `import` like the rest of the code.
const page = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      input: {
        main: page('./index.html'),
        // A bare page that drives the OPFS segment store from a worker: used by the browser
        // tests and benchmarks of the store, and by the IO lab's real measurements.
        opfsProbe: page('./app/probes/opfs.html'),
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'app/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['./vitest.setup.ts'],
    testTimeout: 60_000,
  },
})
