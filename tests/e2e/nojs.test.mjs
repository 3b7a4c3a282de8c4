// With JavaScript off, a crawler that follows links from the home page
// reaches every listing page, and the language switcher leads to the same
// page in the language chosen.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, listingPages, start } from "./lib.mjs";

let browser;
const sites = {};

before(async () => {
  browser = await launch();
  for (const name of ["nl", "en"]) sites[name] = await start(name);
});

after(async () => {
  await browser?.close();
  for (const s of Object.values(sites)) s.close();
});

for (const name of ["nl", "en"]) {
  test(`${name}: every listing is reachable by links alone`, async () => {
    const site = sites[name];
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const seen = new Set();
    const queue = [site.url];
    while (queue.length) {
      const url = queue.shift();
      if (seen.has(url)) continue;
      seen.add(url);
      await page.goto(url);
      // Pages only: files to save (a calendar) are not pages to visit.
      const links = await page.$$eval("a[href]:not([download])", (as) => as.map((a) => a.href));
      for (const link of links) {
        const clean = link.split("#")[0];
        if (clean.startsWith(site.url) && !seen.has(clean)) queue.push(clean);
      }
    }
    const missing = listingPages(site.out).filter((p) => !seen.has(site.url + p));
    assert.deepEqual(missing, [], "listings not reached");
    assert.ok(listingPages(site.out).length >= (name === "nl" ? 42 : 5));
    await context.close();
  });
}

test("without JavaScript the search page says so and offers the browse pages", async () => {
  const site = sites.nl;
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(site.url + "search/?q=alcohol");
  const text = await page.textContent("main");
  assert.match(text, /Zoeken werkt alleen met JavaScript/);
  assert.equal(await page.isVisible("#search-app"), false, "the results area stays hidden");
  for (const href of ["/topics/", "/regions/", "/a-z/"]) {
    assert.ok(await page.isVisible(`main a[href='${href}']`), `${href} offered`);
  }
  await context.close();
});

test("nl: the language switcher works without JavaScript and keeps the page", async () => {
  const site = sites.nl;
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(site.url + "specialists/mohamed-el-idrissi/");
  const switcher = page.locator("nav.languages");
  assert.deepEqual(
    await switcher.locator("a").allTextContents(),
    ["Nederlands", "English", "Türkçe", "العربية", "Polski", "Українська"],
    "each language named in itself",
  );
  await switcher.getByText("العربية").click();
  assert.equal(page.url(), site.url + "ar/specialists/mohamed-el-idrissi/");
  assert.equal(await page.evaluate(() => document.documentElement.lang), "ar");
  assert.match(await page.locator(".lead").textContent(), /^خبير بالتجربة/);
  assert.equal(await switcher.locator("[aria-current]").textContent(), "العربية");
  await page.locator("nav.languages").getByText("Polski").click();
  assert.equal(page.url(), site.url + "pl/specialists/mohamed-el-idrissi/");
  assert.equal(await page.locator("html").getAttribute("dir"), "ltr");
  await context.close();
});
