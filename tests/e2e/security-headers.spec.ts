// The headers every page carries, and the pages working under them (the fixture fails a test on any CSP
// violation, so every other journey in this suite also runs with the policy on).
import { expect, signInAs, test, threadIdByTitle } from "./fixtures";

test("pages carry a strict CSP with a fresh nonce on every script, and still work with JavaScript", async ({ page }) => {
  await signInAs(page, "member@demo.council");
  const first = await page.goto("/");
  const csp = first!.headers()["content-security-policy"];
  const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(csp)?.[1];
  expect(nonce, csp).toBeTruthy();
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'", "default-src 'self'"]) {
    expect(csp).toContain(directive);
  }
  expect(first!.headers()["permissions-policy"]).toContain("camera=()");
  expect(first!.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  // Demo mode is served over plain http: no HSTS here (production mode sends it).
  expect(first!.headers()["strict-transport-security"]).toBeUndefined();

  // Every script and module preload Remix wrote carries this response's nonce.
  const html = await first!.text();
  const tags = [...html.matchAll(/<(script|link rel="modulepreload"|link nonce="[^"]*" rel="modulepreload")[^>]*>/g)].map((m) => m[0]);
  expect(tags.length).toBeGreaterThan(3);
  for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);

  const second = await page.goto("/");
  expect(second!.headers()["content-security-policy"]).not.toContain(nonce!);

  // The app hydrated under the policy: a client-side navigation and a client-side preview work.
  const id = await threadIdByTitle("How do you attribute revenue to social customer care?");
  await page.getByRole("link", { name: "Search" }).first().click();
  await expect(page).toHaveURL(/\/search/);
  await page.goto(`/threads/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("an error page shows the request id, the same one the response header and the server log carry", async ({ page }) => {
  await signInAs(page, "member@demo.council");
  const response = await page.goto("/no-such-page");
  expect(response!.status()).toBe(404);
  const id = response!.headers()["x-request-id"];
  await expect(page.getByText(`Reference: ${id}`)).toBeVisible();
});
