import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// `npm run dev` serves the client with hot reload and forwards API and hub calls to a running Api
// (`dotnet run --project Api`, http://127.0.0.1:5000 unless CHAT_API_URL says otherwise).
const api = process.env.CHAT_API_URL ?? 'http://127.0.0.1:5000';

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: api, changeOrigin: true },
      '/hubs': { target: api, changeOrigin: true, ws: true },
      '/health': { target: api, changeOrigin: true },
    },
  },
  build: {
    // The Api's build passes --outDir; a plain `npm run build` writes dist/.
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
