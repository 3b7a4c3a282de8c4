// The quick exit: by click and by pressing Shift three times on its own it
// lands on the publisher's neutral site, and Back does not return to the
// directory. Shift used for capitals never counts, another key starts the
// count again, presses may be five seconds apart, and a live region says
// how many are still needed.

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

/** Types `text` into the focused field, pressing Shift for each capital. */
async function typeWithShift(page, text, { holdAcross = false, releaseShiftFirst = false } = {}) {
  let held = false;
  for (const ch of text) {
    const capital = ch !== ch.toLowerCase();
    if (capital && !held) {
      await page.keyboard.down("Shift");
      held = true;
    }
    if (!capital && held) {
      await page.keyboard.up("Shift");
      held = false;
    }
    if (capital && releaseShiftFirst) {
      // Shift let go before the letter key: still a capital, not a bare Shift.
      await page.keyboard.down(ch);
      await page.keyboard.up("Shift");
      held = false;
      await page.keyboard.up(ch);
      continue;
    }
    await page.keyboard.press(ch === " " ? "Space" : ch);
    if (capital && held && !holdAcross) {
      await page.keyboard.up("Shift");
      held = false;
    }
  }
  if (held) await page.keyboard.up("Shift");
}

test("typing capitals with Shift never leaves the page", async () => {
  for (const options of [{}, { holdAcross: true }, { releaseShiftFirst: true }]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(site.url + "search/");
    await page.focus("#q");
    await typeWithShift(page, "Den Haag AA", options);
    await page.waitForTimeout(300);
    assert.equal(page.url(), site.url + "search/?q=Den+Haag+AA", JSON.stringify(options));
    assert.equal(await page.inputValue("#q"), "Den Haag AA");
    await context.close();
  }
});

test("another key starts the count again; presses may be five seconds apart", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(site.url + "specialists/anna-de-vries/");
  const status = () => page.textContent("[data-quick-exit-status]");
  await page.keyboard.press("Shift");
  assert.equal(await status(), "Shift, nog 2 keer drukken om deze pagina te verlaten.");
  await page.keyboard.press("Shift");
  assert.equal(await status(), "Shift, nog 1 keer drukken om deze pagina te verlaten.");
  await page.keyboard.press("a");
  await page.keyboard.press("Shift");
  await page.clock.runFor(4_500);
  await page.keyboard.press("Shift");
  await page.clock.runFor(6_000);
  assert.match(await status(), /gestopt/, "the count ran out and says so");
  // The clock also runs on its own, so the steps stay well under five seconds.
  await page.keyboard.press("Shift");
  assert.equal(page.url(), site.url + "specialists/anna-de-vries/", "a key between and a long wait each start again");
  await page.clock.runFor(4_500);
  await page.keyboard.press("Shift");
  await page.clock.runFor(4_500);
  await page.keyboard.press("Shift");
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
