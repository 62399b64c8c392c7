// One HTTP request on a connection of its own. Node's cluster hands out connections, not requests, in turn, so
// this is how a test reaches each worker of a WORKERS=N server (the X-Council-Worker header says which answered).
import http from "node:http";

export type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

export function requestOnNewConnection(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? "GET", headers: options.headers, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (d) => (body += d)).on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

export const workerOf = (answer: Answer) => String(answer.headers["x-council-worker"]);
