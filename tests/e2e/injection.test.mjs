// The injection corpus in a real browser: every page of a site whose
// listings hold hostile payloads in every field is opened, and no payload
// runs (no dialog, no marker set, no console error from a blocked script)
// and nothing is fetched from another origin.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { allPages, build, launch, serve } from "./lib.mjs";

let browser, site;

before(async () => {
  const corpus = process.env.PEERDIR_CORPUS;
  if (!corpus) throw new Error("PEERDIR_CORPUS (the injection corpus content folder) is not set; run this suite through `cargo test --test browser`");
  browser = await launch();
  const out = build(corpus);
  const server = await serve(out, "/");
  site = { out, ...server };
});

after(async () => {
  await browser?.close();
  site?.close();
});

test("no payload runs and nothing loads from elsewhere", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const ran = [];
  const requests = [];
  const consoleErrors = [];
  page.on("dialog", async (d) => {
    ran.push(`dialog on ${page.url()}: ${d.message()}`);
    await d.dismiss();
  });
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(`${page.url()}: ${m.text()}`));
  context.on("request", (r) => requests.push(r.url()));
  const pages = allPages(site.out);
  assert.ok(pages.length > 200, `${pages.length} pages`);
  for (const address of pages) {
    await page.goto(site.origin + "/" + address);
    await page.waitForTimeout(5);
    if (await page.evaluate(() => window.__pwned !== undefined)) ran.push(`marker set on ${address}`);
  }
  assert.deepEqual(ran, []);
  assert.deepEqual(requests.filter((u) => !u.startsWith(site.origin + "/")), []);
  assert.deepEqual(consoleErrors, [], "a blocked script or load shows as a console error");
  await context.close();
});
