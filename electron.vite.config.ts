import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // index: the Electron shell; serve: headless mode under plain Node (never loads electron);
        // pool-worker: a thread of the thread pools (reads, label drawing), started by either.
        input: {
          index: 'src/main/electron/main.ts',
          serve: 'src/main/serve.ts',
          'pool-worker': 'src/main/core/threads/pool-worker.ts',
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: 'src/preload/index.ts' },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    build: { rollupOptions: { input: 'src/renderer/index.html' } },
    plugins: [react()],
  },
});
