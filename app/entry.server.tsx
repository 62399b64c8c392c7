// Server rendering (Remix's default Node entry) plus what running Council needs: the per-request CSP nonce
// on every script Remix writes, the request id for error pages, and unexpected errors logged with it.
import { PassThrough, Transform } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
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
  // Bots and SPA mode get the whole document at once; browsers get the shell as soon as it is ready.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  const nonce = loadContext.cspNonce;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <RequestContext.Provider value={{ nonce, requestId: loadContext.requestId, markup: loadContext.markup }}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </RequestContext.Provider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          if (nonce) pipe(addNonceToModulePreloads(nonce)).pipe(body);
          else pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors while rendering the shell reject and are logged by handleError.
          if (shellRendered) (loadContext.logError ?? console.error)(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** Unexpected errors in loaders, actions and rendering: logged with their stack and the request id, never shown. */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return; // the browser went away; nothing went wrong
  (context.logError ?? console.error)(error);
};

/**
 * Remix's <Scripts> writes `<link rel="modulepreload">` tags without the nonce it gives its scripts, and a
 * strict CSP ('strict-dynamic') refuses them. This adds the nonce as the HTML streams out, keeping the tail
 * of each chunk so a tag split across two chunks is still found.
 */
export function addNonceToModulePreloads(nonce: string) {
  const tag = '<link rel="modulepreload"';
  const withNonce = `<link nonce="${nonce}" rel="modulepreload"`;
  const decoder = new StringDecoder("utf8"); // a character split across chunks stays whole
  let carry = "";
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const text = (carry + decoder.write(chunk)).replaceAll(tag, withNonce);
      // Hold back what could be the start of a tag cut by the chunk boundary.
      let keep = 0;
      for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) {
        if (tag.startsWith(text.slice(text.length - n))) {
          keep = n;
          break;
        }
      }
      carry = text.slice(text.length - keep);
      done(null, text.slice(0, text.length - keep));
    },
    flush(done) {
      done(null, carry + decoder.end());
    },
  });
}
