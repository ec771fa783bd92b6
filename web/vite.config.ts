// The dashboard's build: everything bundled (no CDN at run time), heavy pages split into chunks.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
    reportCompressedSize: false,
    manifest: true,
  },
});
