import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

const repo = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: 'web',
  plugins: [
    react(),
    // A brotli (quality 11) and a gzip (level 9) copy beside each text file, made once at build time;
    // the server sends the one the browser accepts (preCompressed in src/http/app.ts). Source maps are
    // left out: only developer tools fetch them.
    compression({ algorithms: ['brotliCompress', 'gzip'], logLevel: 'silent' }),
  ],
  resolve: {
    // frappe-gantt's exports map lists "import" before "style", so its CSS cannot be reached by name.
    alias: { 'frappe-gantt/style.css': fileURLToPath(new URL('node_modules/frappe-gantt/dist/frappe-gantt.css', import.meta.url)) },
  },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // The libraries every screen runs on change far less often than the app: in a chunk of their
        // own, a release of the app leaves them in the browser's cache (hashed names, immutable).
        codeSplitting: {
          groups: [{ name: 'framework', test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/ }],
        },
      },
    },
  },
  // The web app imports the pure plan model and rules from src/plan and the post content rules from
  // src/content (one source of shapes and rules).
  server: {
    port: 5173,
    fs: { allow: [repo] },
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 3000}` },
  },
});
