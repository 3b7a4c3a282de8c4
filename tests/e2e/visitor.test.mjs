// Promises to visitors on every page type, in each interface language of
// the test sites (the example's six, Arabic laid out right to left, and
// the English fixture):
// zero axe-core violations (WCAG 2.2 AA and best practices), no request to
// any other origin, nothing stored, no horizontal scrolling at 360 px.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { exitTarget, launch, start, SITES } from "./lib.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

let browser, exit;
const sites = {};

before(async () => {
  browser = await launch();
  exit = await exitTarget();
  for (const name of Object.keys(SITES)) sites[name] = await start(name, exit.origin + "/");
});

after(async () => {
  await browser?.close();
  exit?.close();
  for (const s of Object.values(sites)) s.close();
});

for (const name of Object.keys(SITES)) {
  test(`${name}: every page type passes axe-core, loads only from its own origin and fits 360 px`, async () => {
    const site = sites[name];
    const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const requests = [];
    context.on("request", (r) => requests.push(r.url()));
    const page = await context.newPage();
    const problems = [];
    for (const [type, address] of Object.entries(site.pages)) {
      const response = await page.goto(site.url + address);
      assert.equal(response.status(), type === "not-found" ? 404 : 200, `${type} status`);
      if (address.includes("?q=")) await page.waitForSelector("#results li");
      await page.evaluate(AXE);
      const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), TAGS);
      assert.ok(result.passes.some((r) => r.id === "color-contrast"), `${type}: axe checked contrast`);
      assert.ok(result.passes.length >= 20, `${type}: axe ran ${result.passes.length} checks`);
      for (const v of result.violations) {
        problems.push(`${type} (${address}): ${v.id}: ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) problems.push(`${type} (${address}): scrolls ${overflow}px horizontally at 360px`);
      const { lang, dir } = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
      assert.equal(lang, site.lang ?? name, `${type} declares its language`);
      assert.equal(dir, lang === "ar" ? "rtl" : "ltr", `${type} declares its direction`);
    }
    assert.deepEqual(problems, [], problems.join("\n"));
    const foreign = requests.filter((u) => !u.startsWith(site.origin + "/"));
    assert.deepEqual(foreign, [], "requests to other origins");
    assert.ok(requests.length > Object.keys(site.pages).length, "the request log saw the pages");
    await context.close();
  });

  test(`${name}: no cookies and no storage after visiting every page type`, async () => {
    const site = sites[name];
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const address of Object.values(site.pages)) {
      await page.goto(site.url + address);
      if (address.includes("?q=")) await page.waitForSelector("#results li");
      const stored = await page.evaluate(() => ({
        cookie: document.cookie,
        local: localStorage.length,
        session: sessionStorage.length,
      }));
      assert.deepEqual(stored, { cookie: "", local: 0, session: 0 }, address);
    }
    assert.deepEqual(await context.cookies(), []);
    await context.close();
  });

  test(`${name}: crisis line and exit link on every page type`, async () => {
    const site = sites[name];
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const address of Object.values(site.pages)) {
      await page.goto(site.url + address);
      const tel = await page.locator(".crisis a[href^='tel:']").count();
      assert.ok(tel >= 1, `${address} has a tel: crisis link`);
      const exitLink = page.locator("a[data-quick-exit]");
      assert.equal(await exitLink.count(), 1, `${address} has one quick-exit link`);
      assert.equal(await exitLink.getAttribute("href"), exit.origin + "/");
      assert.match(await exitLink.getAttribute("rel"), /noreferrer/);
      const box = await exitLink.boundingBox();
      assert.ok(box.height >= 24 && box.width >= 24, "exit link is easy to tap");
    }
    await context.close();
  });
}
