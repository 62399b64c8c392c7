// Regression tests for the security probe (issue 13) against the real HTTP server and browser.
import { baseUrl, DEMO_PASSWORD, expect, signInAs, test } from "./fixtures";

const PHISH = "/login?redirectTo=/%09/evil.example/phish";

async function signInThroughForm(page: import("@playwright/test").Page, email: string) {
  await page.goto(PHISH);
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "The Social Business Framework" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(baseUrl);
  expect(new URL(page.url()).pathname).toBe("/");
}

test.describe("finding 2: sign-in never sends the browser to another site", () => {
  test("through the form, with JavaScript", async ({ page }) => {
    await signInThroughForm(page, "member@demo.council");
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("through the form", async ({ page }) => {
      await signInThroughForm(page, "consultant@demo.council");
    });
  });

  test("a visitor already signed in", async ({ page }) => {
    await signInAs(page, "member@demo.council");
    const response = await page.goto(PHISH);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).origin).toBe(baseUrl);
    await expect(page.getByRole("heading", { name: "The Social Business Framework" })).toBeVisible();
  });

  test("the Location header stays on the site", async ({ request }) => {
    const response = await request.post("/login", {
      form: { email: "cmo@demo.council", password: DEMO_PASSWORD, redirectTo: "/\t/evil.example/phish" },
      headers: { Origin: baseUrl },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
    expect(response.headers().location).toBe("/");
  });
});
