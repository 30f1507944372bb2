import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The staff console: Preact through esbuild's automatic JSX runtime (no framework plugin needed),
 * one small entry chunk, every screen its own lazily loaded chunk. The console reaches the API
 * under /api on its own origin (CloudFront in AWS, the local console server locally); `vite` alone
 * (development with hot reload) proxies /api, /approve and /local to the local stack.
 */
const apiUrl = process.env.AD_API_URL ?? 'http://127.0.0.1:3000';
const consoleUrl = process.env.AD_CONSOLE_URL ?? 'http://127.0.0.1:3001';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: false,
  },
  server: {
    proxy: {
      '/api': { target: apiUrl, rewrite: (path) => path.replace(/^\/api/, '') },
      '/approve': apiUrl,
      '/local': consoleUrl,
      '/config.json': consoleUrl,
    },
  },
});
