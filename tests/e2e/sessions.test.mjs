// Session filters in the browser, from the device's clock: with the clock
// at Tuesday 1 December 2026, 19:40 in Amsterdam, "today" and "evening"
// keep the groups that meet on Tuesday evening, "upcoming first" puts the
// 20:00 group first and marks the one under way "in progress now"; a full
// or closed listing comes after the others; and no request leaves the
// page for any of it. Without JavaScript the schedule table is there.

import { test } from "node:test";
import assert from "node:assert/strict";
import { useSite } from "./lib.mjs";

const env = useSite("nl");

// 19:40 in Amsterdam (UTC+1 in December).
const TUESDAY_EVENING = new Date("2026-12-01T18:40:00Z");

async function open(query) {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 900 } });
  const page = await context.newPage();
  await page.clock.setFixedTime(TUESDAY_EVENING);
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(env.site.url + "search/" + query);
  await page.waitForFunction(() => /\d|Niets/.test(document.getElementById("search-status").textContent));
  const results = await page.$$eval("#results li", (lis) =>
    lis.map((li) => ({
      url: new URL(li.querySelector("h2 a").href).pathname.slice(1),
      next: li.querySelector(".next-session")?.textContent ?? "",
      standing: li.querySelector(".standing")?.textContent ?? "",
    })),
  );
  return { context, page, results, requests };
}

test("today and evening keep the Tuesday-evening groups; upcoming first puts 20:00 first", async () => {
  const { context, results, requests } = await open("?day=today&time=evening&upcoming=1");
  assert.deepEqual(
    results.map((r) => r.url),
    ["programs/samen-nuchter-brabant/", "programs/online-lotgenotenchat/"],
    "the 20:00 group first, then the one under way since 19:00",
  );
  assert.match(results[0].next, /Volgende: vandaag 20:00/);
  assert.match(results[1].next, /Nu bezig/);
  assert.match(results[1].next, /Volgende: morgen 19:00/);
  // Only the page, its script, the worker, the engine and the index: the
  // clock and the filters are worked out on the device.
  for (const url of requests) assert.ok(url.startsWith(env.site.url), `request left the site: ${url}`);
  assert.ok(!requests.some((u) => u.includes("day=") && !u.includes("/search/?")), "no request carries the filters");
  await context.close();
});

test("the afternoon keeps the Tuesday drop-in, a weekday filter looks ahead", async () => {
  let { context, results } = await open("?day=today&time=afternoon");
  assert.deepEqual(results.map((r) => r.url), ["programs/herstelacademie-amsterdam/"]);
  await context.close();
  ({ context, results } = await open("?day=saturday&time=morning"));
  // Breda on Saturdays, Haarlem on Saturdays, Nijmegen on the first Saturday (5 December).
  assert.deepEqual(
    results.map((r) => r.url).sort(),
    ["programs/peer-support-international/", "programs/psychose-netwerk-gelderland/", "programs/samen-nuchter-brabant/"],
  );
  await context.close();
});

test("full and closed listings come last, with their notice", async () => {
  const { context, results } = await open("?type=program");
  const last = results.slice(-2).map((r) => r.url).sort();
  assert.deepEqual(last, ["programs/maatjes-in-herstel-rotterdam/", "programs/werk-en-herstel-den-haag/"]);
  const full = results.find((r) => r.url === "programs/maatjes-in-herstel-rotterdam/");
  assert.match(full.standing, /Vol/);
  await context.close();
});

test("without JavaScript the schedule table is on the program page", async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(env.site.url + "programs/samen-nuchter-brabant/");
  const rows = await page.$$eval(".schedule tbody tr", (trs) =>
    trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim()).join(" ")),
  );
  assert.deepEqual(rows, [
    "dinsdag 20:00–21:30 Elke week Buurthuis Het Ketelhuis, Eindhoven",
    "woensdag 20:00–21:30 Elke week Tilburg",
    "zaterdag 10:30–12:00 Elke week Breda",
  ]);
  await context.close();
});
