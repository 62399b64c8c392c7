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
