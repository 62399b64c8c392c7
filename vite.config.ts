import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import path from "node:path";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  // The argon2 package ships native binaries plus a wasm fallback the dep optimizer cannot resolve.
  optimizeDeps: { exclude: ["@node-rs/argon2"] },
  ssr: { external: ["better-sqlite3", "@node-rs/argon2"] },
  build: {
    rollupOptions: {
      // Two harmless notices that would greet everyone on `npm start`: comments in zod that Rollup drops,
      // and the empty client chunks of resource routes (CSV downloads, redirects) that have no page.
      onwarn(warning, warn) {
        if (warning.code === "INVALID_ANNOTATION" && warning.id?.includes("node_modules")) return;
        if (warning.code === "EMPTY_BUNDLE") return;
        warn(warning);
      },
    },
  },
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        // Off on purpose: discovering routes lazily matched every route against the URL on each page render
        // (~30% of a thread page's server time); the full route manifest is one cached file instead.
        v3_lazyRouteDiscovery: false,
      },
    }),
  ],
});
