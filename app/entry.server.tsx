// Server rendering (Remix's default Node entry) plus what running Council needs: the per-request CSP nonce
// on every script Remix writes, the request id for error pages, and unexpected errors logged with it.
import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { RequestContext } from "./platform/request-context";

/** Called once at server start-up (scripts/serve.ts): the pitch check compiled and its model loaded before the first post. */
export { warmUpPitchCheck as warmUp } from "./moderation/screening.server";

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // Council's pages wait for nothing (no deferred data, no Suspense): the whole document is rendered into one buffer
  // and sent in one piece. Streaming it chunk by chunk through web streams cost more CPU than it saved time to first
  // byte (many small writes, a stream adapter per chunk), and one buffer lets the nonce go onto the preloads at once.
  const nonce = loadContext.cspNonce;
  return new Promise<Response>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      // No 'close' after the end: React hears it as the client going away and ends the stream again, and Node builds
      // a stack-traced error for that on every page.
      emitClose: false,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        // Bytes throughout: decoding the document to a string and encoding it again cost as much as a page's queries.
        const html = Buffer.concat(chunks);
        const body = (nonce ? addNonceToModulePreloads(html, nonce) : html) as Uint8Array<ArrayBuffer>; // never a SharedArrayBuffer
        responseHeaders.set("Content-Type", "text/html");
        resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }));
        done();
      },
    });
    let rendered = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const { pipe, abort } = renderToPipeableStream(
      <RequestContext.Provider value={{ nonce, requestId: loadContext.requestId, markup: loadContext.markup }}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </RequestContext.Provider>,
      {
        nonce,
        onAllReady() {
          rendered = true;
          clearTimeout(timer);
          pipe(sink);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors while rendering the shell reject and are logged by handleError.
          if (rendered) (loadContext.logError ?? console.error)(error);
        },
      },
    );
    timer = setTimeout(abort, ABORT_DELAY);
  });
}

/** Unexpected errors in loaders, actions and rendering: logged with their stack and the request id, never shown. */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return; // the browser went away; nothing went wrong
  (context.logError ?? console.error)(error);
};

/**
 * Remix's <Scripts> writes `<link rel="modulepreload">` tags without the nonce it gives its scripts, and a
 * strict CSP ('strict-dynamic') refuses them. This adds the nonce to them in the finished document.
 */
const MODULE_PRELOAD = Buffer.from('<link rel="modulepreload"');
export function addNonceToModulePreloads(html: Buffer, nonce: string): Buffer {
  const withNonce = Buffer.from(`<link nonce="${nonce}" rel="modulepreload"`);
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = html.indexOf(MODULE_PRELOAD); at !== -1; at = html.indexOf(MODULE_PRELOAD, from)) {
    parts.push(html.subarray(from, at), withNonce);
    from = at + MODULE_PRELOAD.length;
  }
  parts.push(html.subarray(from));
  return Buffer.concat(parts);
}
