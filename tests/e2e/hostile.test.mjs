// Crafted links and damaged files meet a visitor's browser: a search link
// with thousands of words is answered at once with its beginning (and says
// so), and a damaged index file makes search say it is unavailable instead
// of freezing or failing silently.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { useSite } from "./lib.mjs";

const env = useSite("en");

test("a search link with thousands of words is answered with its first words", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  // Three thousand words, in an address short enough for any server.
  const words = Array.from({ length: 3000 }, (_, i) => (i < 10 ? "alcohol" : "x")).join("+");
  const started = Date.now();
  await page.goto(env.site.url + "search/?q=" + words);
  // A guard against a frozen page, not a measure of speed.
  await page.waitForFunction(() => /result/.test(document.getElementById("search-status").textContent), null, { timeout: 30_000 });
  const status = await page.textContent("#search-status");
  assert.match(status, /Only the first 10 words of a search are used\./);
  assert.ok((await page.$$("#results li")).length > 0, "the first words found listings");
  assert.ok(Date.now() - started < 30_000);
  assert.equal(await page.getAttribute("#q", "maxlength"), "200", "the field takes no more than the engine searches");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a damaged index makes search say it is unavailable", async () => {
  const dir = join(env.site.out, "search");
  const name = readdirSync(dir).find((f) => f.endsWith(".pdix"));
  const original = readFileSync(join(dir, name));
  try {
    const damaged = Buffer.from(original);
    damaged[Math.floor(damaged.length / 2)] ^= 0x10;
    writeFileSync(join(dir, name), damaged);
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(env.site.url + "search/");
    await page.fill("#q", "alcohol");
    await page.waitForFunction(() => /not available/.test(document.getElementById("search-status").textContent), null, { timeout: 30_000 });
    assert.equal((await page.$$("#results li")).length, 0);
    await context.close();
  } finally {
    writeFileSync(join(dir, name), original);
  }
});
