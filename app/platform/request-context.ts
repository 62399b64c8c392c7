// What the Express server hands each request (scripts/serve.ts → getLoadContext) and the React tree sees
// while rendering on the server: the CSP nonce for Remix's inline scripts, and the request id a member can
// quote from an error page. Client-safe: no server imports.
import { createContext, useContext } from "react";

export type CouncilLoadContext = {
  cspNonce?: string;
  requestId?: string;
  /**
   * Markup that goes out once, in the HTML: present on a document request (absent on a client-side data request),
   * a loader puts large pre-rendered HTML here (keyed by element id) instead of in its data, so the hydration data
   * does not carry it a second time (see `ServerMarkup` in app/components/server-markup.tsx).
   */
  markup?: Map<string, string>;
  /** Logs an unexpected error with its stack, on the server only. */
  logError?: (error: unknown) => void;
};

declare module "@remix-run/node" {
  interface AppLoadContext extends CouncilLoadContext {}
}

export const RequestContext = createContext<{ nonce?: string; requestId?: string; markup?: Map<string, string> }>({});

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

/**
 * For a loader: `html` when the client asked for data (it will render it), or null after handing it to the
 * document's markup under `id` (a document request: it is in the HTML, once).
 */
export function markupOnce(context: CouncilLoadContext, id: string, html: string): string | null {
  if (!context.markup) return html;
  context.markup.set(id, html);
  return null;
}

export function useNonce(): string | undefined {
  return useContext(RequestContext).nonce;
}
