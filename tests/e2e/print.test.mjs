// Printing a listing: navigation, search and the exit button are left
// out, the crisis line stays, and web and mail addresses are written out.

import { test } from "node:test";
import assert from "node:assert/strict";
import { useSite } from "./lib.mjs";

const env = useSite("nl");

test("a printed program page keeps the crisis line and writes out link targets", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(env.site.url + "programs/herstelacademie-amsterdam/");
  const shown = (selector) =>
    page.$eval(selector, (el) => getComputedStyle(el).display !== "none" && el.getClientRects().length > 0);
  assert.equal(await shown(".site-header nav"), true, "on screen the navigation is there");
  await page.emulateMedia({ media: "print" });
  assert.equal(await shown(".site-header nav"), false, "navigation");
  assert.equal(await shown(".exit"), false, "exit button");
  assert.equal(await shown(".site-footer"), false, "footer");
  assert.equal(await shown(".crisis"), true, "crisis line");
  assert.match(await page.textContent(".crisis"), /0800-0113/);
  const after = await page.$eval(".contact a[href^='http']", (a) => getComputedStyle(a, "::after").content);
  assert.match(after, /https:\/\/herstelacademie-amsterdam\.example/);
  const mail = await page.$eval(".contact a[href^='mailto:']", (a) => getComputedStyle(a, "::after").content);
  assert.match(mail, /mailto:/);
  await page.pdf({ path: "/dev/null" });
  await context.close();
});
