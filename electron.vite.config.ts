import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './shared/security';

const alias = { '@shared': resolve(import.meta.dirname, 'shared') };

/** Built pages carry the CSP themselves too: Electron does not pass file:// loads through webRequest. */
const cspMetaTag = (): Plugin => ({
  name: 'switchyard-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: {
        'http-equiv': 'Content-Security-Policy',
        content: contentSecurityPolicy({ meta: true }),
      },
      injectTo: 'head-prepend',
    },
  ],
});

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      // Each thread keeps the source of every module it loads. Bundled, these pure-JS packages are
      // tree-shaken and stored as one-byte text (JSONata, CommonJS, was also kept twice): the idle
      // engine is ≈ 7 MB smaller. Native, CommonJS-heavy and lazily loaded packages stay external.
      externalizeDeps: { exclude: ['jsonata', 'zod', 'luxon', 'libphonenumber-js', 'croner'] },
      rollupOptions: {
        // V8 keeps each module's source; an ASCII-only file is stored at one byte a character.
        output: { charset: 'ascii', comments: { legal: true, annotation: true, jsdoc: false } },
        // The CLI shares the engine with the desktop shell but never imports 'electron'.
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          cli: resolve(import.meta.dirname, 'electron/cli/bin.ts'),
          // Background jobs: each a standalone entry a Bree worker thread loads by path
          // (scheduler.ts finds them as job-<name>.js beside the main bundle).
          'job-runner': resolve(import.meta.dirname, 'electron/engine/scheduler/jobs/runner.ts'),
          'job-housekeeping': resolve(
            import.meta.dirname,
            'electron/engine/scheduler/jobs/housekeeping.ts',
          ),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    resolve: { alias },
    plugins: [react(), cspMetaTag()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      // The renderer is parsed on every start: a minified bundle opens the app sooner.
      minify: true,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } },
    },
  },
});
