// Screenshots of the main page types at phone and desktop width, kept as
// test artifacts in target/e2e-artifacts/, and a check that no page of the
// example scrolls sideways on a 360 px wide screen.

import { test } from "node:test";
import assert from "node:assert/strict";
import { allPages, artifact, useSite } from "./lib.mjs";

const env = useSite("nl");

test("screenshots at 360 and 1280 px", async () => {
  for (const width of [360, 1280]) {
    const context = await env.browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    for (const [name, address] of [["home", ""], ["specialist", "specialists/anna-de-vries/"], ["program", "programs/herstelacademie-amsterdam/"]]) {
      await page.goto(env.site.url + address);
      const file = artifact(`${name}-${width}.png`, await page.screenshot({ fullPage: true }));
      assert.ok(file.endsWith(".png"));
    }
    await context.close();
  }
});

test("no page scrolls horizontally at 360 px", async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  const wide = [];
  const pages = allPages(env.site.out);
  assert.ok(pages.length > 100);
  for (const address of pages) {
    await page.goto(env.site.url + address);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) wide.push(`${address}: ${overflow}px`);
  }
  assert.deepEqual(wide, []);
  await context.close();
});
