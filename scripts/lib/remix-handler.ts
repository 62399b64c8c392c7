// Remix behind a request body limit. The express adapter hands Remix the raw request stream; here the
// body streams through a byte counter instead, so no request can make the server hold more than the
// limit: a declared Content-Length over it is refused before anything is read, and a body that turns
// out longer (chunked, or lying about its length) is cut off at the limit. Either way the answer is a
// plain 413 page, and the rest of the body is thrown away unread; the server keeps serving everyone else.
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import type express from "express";
import { Transform, type TransformCallback } from "node:stream";
import { requestMember } from "../../app/platform/request-member.server";

const tooLargePage = (limit: number) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Too large · Council</title></head>
<body><h1>That was too large to accept</h1>
<p>Council accepts at most ${formatBytes(limit)} in one request. Go back, shorten what you sent, and try again.</p></body></html>
`;

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/** How long a refused body may keep arriving (read and thrown away) before the connection is cut. */
const DISCARD_MS = 10_000;

/**
 * Answers 413, then reads and throws away whatever the client is still sending, so it can read the
 * answer (closing at once would reset the connection under a client still writing, and lose it); a
 * client still sending after DISCARD_MS is cut off.
 */
export function sendTooLarge(req: express.Request, res: express.Response, limit: number) {
  req.unpipe();
  req.resume();
  if (!req.readableEnded) {
    const cut = setTimeout(() => req.socket.destroy(), DISCARD_MS).unref();
    req.once("end", () => clearTimeout(cut));
    req.once("close", () => clearTimeout(cut));
  }
  if (res.headersSent) return void res.destroy();
  res.status(413).type("html").send(tooLargePage(limit));
}

/** Refuses, before reading a byte, a request whose declared Content-Length is over the limit. */
export function declaredBodyLimit(limit: number): express.RequestHandler {
  return (req, res, next) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) return sendTooLarge(req, res, limit);
    next();
  };
}

/** Passes bytes through until `limit`; one byte more and it fails, and `exceeded` says why. */
class ByteLimit extends Transform {
  exceeded = false;
  private seen = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.seen += chunk.length;
    if (this.seen > this.limit) {
      this.exceeded = true;
      callback(new Error(`Request body over ${this.limit} bytes`));
      return;
    }
    callback(null, chunk);
  }
}

/** The Remix request handler, reading request bodies through the byte limit. */
export function remixHandler(
  build: ServerBuild,
  limit: number,
  getLoadContext?: (req: express.Request, res: express.Response) => AppLoadContext,
): express.RequestHandler {
  const handleRequest = createRequestHandler(build, "production");
  return async (req, res, next) => {
    const controller = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) controller.abort();
    });
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const counter = hasBody ? new ByteLimit(limit) : null;
    if (counter) {
      req.pipe(counter);
      // Past the limit: stop passing bytes on, and abort the request so Remix drops it quietly; the 413
      // below throws the rest away.
      counter.on("error", () => {
        req.unpipe(counter);
        controller.abort();
      });
    }
    try {
      const init: RequestInit & { duplex?: "half" } = { method: req.method, headers: requestHeaders(req), signal: controller.signal };
      if (counter) {
        init.body = createReadableStreamFromReadable(counter);
        init.duplex = "half";
      }
      const request = new Request(new URL(req.originalUrl, `${req.protocol}://${req.get("host") || "localhost"}`), init);
      const response = await handleRequest(request, getLoadContext?.(req, res));
      rememberRequestMember(request, res);
      if (counter?.exceeded) return sendTooLarge(req, res, limit);
      res.statusMessage = response.statusText;
      res.status(response.status);
      // Remix's headers replace the server's defaults (a route may set its own Cache-Control); cookies add up.
      for (const [name, value] of response.headers.entries()) {
        if (name === "set-cookie") res.append(name, value);
        else res.setHeader(name, value);
      }
      if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    } catch (error) {
      if (counter?.exceeded) return sendTooLarge(req, res, limit);
      next(error);
    }
  };
}

/** Who the app found signed in, for the request log (which otherwise reads the session row itself). */
export function rememberRequestMember(request: Request, res: express.Response) {
  const member = requestMember(request);
  if (member !== undefined) res.locals.memberId = member;
}

function requestHeaders(req: express.Request): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}
