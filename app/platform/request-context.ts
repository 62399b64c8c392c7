// What the Express server hands each request (scripts/serve.ts → getLoadContext) and the React tree sees
// while rendering on the server: the CSP nonce for Remix's inline scripts, and the request id a member can
// quote from an error page. Client-safe: no server imports.
import { createContext, useContext } from "react";

export type CouncilLoadContext = {
  cspNonce?: string;
  requestId?: string;
  /** Logs an unexpected error with its stack, on the server only. */
  logError?: (error: unknown) => void;
};

declare module "@remix-run/node" {
  interface AppLoadContext extends CouncilLoadContext {}
}

export const RequestContext = createContext<{ nonce?: string; requestId?: string }>({});

export const REQUEST_ID_META = "council-request-id";

let hydrated = false;
/** Called once the client has hydrated: later client-side errors have no server request id to show. */
export function markHydrated() {
  hydrated = true;
}

/**
 * The request id of the server render: from the context on the server, from the page's meta tag while the
 * client hydrates the same markup, and none after that.
 */
export function useRequestId(): string | undefined {
  const fromServer = useContext(RequestContext).requestId;
  if (typeof document === "undefined") return fromServer;
  if (hydrated) return undefined;
  return document.querySelector(`meta[name="${REQUEST_ID_META}"]`)?.getAttribute("content") ?? undefined;
}

export function useNonce(): string | undefined {
  return useContext(RequestContext).nonce;
}
