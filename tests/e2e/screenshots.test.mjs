// Screenshots of the main page types at phone and desktop width in each of
// the example's languages, kept as test artifacts in target/e2e-artifacts/,
// and a check that no page of the example, in any language, scrolls
// sideways on a 360 px wide screen.

import { test } from "node:test";
import assert from "node:assert/strict";
import { allPages, artifact, useSite, EXAMPLE_LANGUAGES } from "./lib.mjs";

const env = useSite("nl");

test("screenshots at 360 and 1280 px", async () => {
  for (const width of [360, 1280]) {
    const context = await env.browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    for (const lang of ["nl", ...EXAMPLE_LANGUAGES]) {
      const prefix = lang === "nl" ? "" : `${lang}/`;
      for (const [name, address] of [["home", ""], ["specialist", "specialists/anna-de-vries/"], ["program", "programs/herstelacademie-amsterdam/"], ["search", "search/?q=verslavingen"]]) {
        await page.goto(env.site.url + prefix + address);
        if (address.includes("?q=")) await page.waitForSelector("#results li");
        assert.equal(await page.evaluate(() => document.documentElement.lang), lang, `${lang}/${name}`);
        const file = artifact(`${lang}-${name}-${width}.png`, await page.screenshot({ fullPage: true }));
        assert.ok(file.endsWith(".png"));
      }
    }
    await context.close();
  }
});

test("no page scrolls horizontally at 360 px", async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  const wide = [];
  const pages = allPages(env.site.out);
  assert.ok(pages.length > 600, "every page in all six languages");
  assert.ok(pages.some((p) => p.startsWith("ar/")), "the Arabic pages");
  for (const address of pages) {
    await page.goto(env.site.url + address);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) wide.push(`${address}: ${overflow}px`);
  }
  assert.deepEqual(wide, []);
  await context.close();
});
