// The quick exit: by click and by pressing Shift three times it lands on the
// publisher's neutral site, and Back does not return to the directory.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { exitTarget, launch, start } from "./lib.mjs";

let browser, exit, site;

before(async () => {
  browser = await launch();
  exit = await exitTarget();
  site = await start("nl", exit.origin + "/");
});

after(async () => {
  await browser?.close();
  exit?.close();
  site?.close();
});

async function openDirectoryPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url + "specialists/anna-de-vries/");
  return { context, page };
}

async function assertLeftForGood(page) {
  await page.waitForURL(exit.origin + "/");
  assert.equal(await page.title(), "Weather");
  await page.goBack().catch(() => {});
  assert.ok(!page.url().startsWith(site.origin), `Back returned to ${page.url()}`);
}

test("clicking the exit link", async () => {
  const { context, page } = await openDirectoryPage();
  await page.click("a[data-quick-exit]");
  await assertLeftForGood(page);
  await context.close();
});

test("pressing Shift three times", async () => {
  const { context, page } = await openDirectoryPage();
  for (let i = 0; i < 3; i++) await page.keyboard.press("Shift");
  await assertLeftForGood(page);
  await context.close();
});

test("Shift twice does nothing", async () => {
  const { context, page } = await openDirectoryPage();
  await page.keyboard.press("Shift");
  await page.keyboard.press("Shift");
  await page.waitForTimeout(300);
  assert.equal(page.url(), site.url + "specialists/anna-de-vries/");
  await context.close();
});

test("the page is blanked before the neutral site loads", async () => {
  const { context, page } = await openDirectoryPage();
  // Hold the neutral site's response so the moment in between can be seen.
  let release;
  const held = new Promise((ok) => (release = ok));
  await page.route(exit.origin + "/", async (route) => {
    await held;
    await route.continue();
  });
  // Click and read the page in the same task: the text must already be gone.
  const text = await page.evaluate(() => {
    document.querySelector("a[data-quick-exit]").click();
    return document.body.textContent.trim();
  });
  assert.equal(text, "", "the directory's text is gone at once");
  release();
  await page.waitForURL(exit.origin + "/");
  await context.close();
});

test("without JavaScript the exit link still leads away", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(site.url);
  await page.click("a[data-quick-exit]");
  await page.waitForURL(exit.origin + "/");
  await context.close();
});
