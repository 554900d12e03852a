import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// Built into the Python package (shared/console_dist), served by `ecomintel serve` at "/" with the API under
// "/v1" on the same origin. `ECOMINTEL_CONSOLE_OUT` overrides the output directory.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: process.env.ECOMINTEL_CONSOLE_OUT ?? "../shared/console_dist",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    chunkSizeWarningLimit: 1000,
    // no inline scripts or data: modules: the CSP is script-src 'self'
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: { proxy: { "/v1": "http://127.0.0.1:8080" } },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test-setup.ts"],
    css: false,
  },
});
