import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built into the gateway's static files, so the README's start command serves the UI on :8000.
// `npm run dev` serves it on :5173 and forwards API calls to a gateway on :8000.
export default defineConfig({
  plugins: [react()],
  build: { outDir: '../Pricing.Gateway/wwwroot', emptyOutDir: true },
  server: {
    port: 5173,
    proxy: { '/graphql': 'http://localhost:8000', '/api': 'http://localhost:8000' },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test-setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
