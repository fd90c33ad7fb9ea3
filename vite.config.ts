/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { VitePWA } from 'vite-plugin-pwa'

// One config for the app, its module worker and the unit tests.
// Workers are built as ES modules so the engine chunk can use `import` like the rest of the code.
const page = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/**
 * The Content-Security-Policy of the built app: everything from this origin only, no `eval`
 * (`wasm-unsafe-eval` lets the zstd codec and hash-wasm's CRC-32C compile their WebAssembly,
 * nothing more), no plugins, no framing of other sites' forms. Styles allow `unsafe-inline` for React's `style` attributes.
 * Blob and data URLs are for saved files and the canvas exported as a picture (its fonts inlined).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ')

/**
 * Puts the policy in the built pages as a meta tag (so any static host serves it). Not in the
 * dev server: React's fast refresh injects an inline script there.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'kafkascope-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  }
}

export default defineConfig({
  plugins: [
    react(),
    contentSecurityPolicy(),
    // Offline after the first visit: a Workbox service worker precaches the whole build,
    // including the engine worker and the wasm codecs (app/share/registerServiceWorker.ts).
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      includeAssets: ['favicon.svg'],
      manifest: {
        name: 'KafkaScope',
        short_name: 'KafkaScope',
        description: 'Learn how Apache Kafka works inside, step by step.',
        theme_color: '#0b3d5c',
        background_color: '#f6f8fa',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,mjs,css,html,svg,wasm,json,png,woff2}'],
        // The engine chunk embeds its codecs; precache it whatever its size.
        maximumFileSizeToCacheInBytes: 20 * 1024 * 1024,
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/app\/probes\//],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  worker: { format: 'es' },
  preview: { headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
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
