// The example built with `search: {shard_by: region}`: the search page asks
// for a region first and downloads nothing before; then it downloads only
// that region's index, answers as `peerdir search --in` does, keeps the
// region in the address, and switching regions downloads the other index.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { holdBack, launch, nativeSearch, start } from "./lib.mjs";

let browser, site, shards;

before(async () => {
  browser = await launch();
  site = await start("nl", undefined, "search:\n  shard_by: region\n");
  shards = JSON.parse(readFileSync(join(site.out, "search", "shards.json"), "utf8"));
});

after(async () => {
  await browser?.close();
  site?.close();
});

/** Waits until the status line reports a number of results. */
async function answered(page) {
  await page.waitForFunction(() => /^\d+ resulta|^1 resultaat|^Niets/.test(document.getElementById("search-status").textContent));
  await page.waitForTimeout(50);
}

async function shown(page) {
  return page.$$eval("#results li h2 a", (as) => as.map((a) => new URL(a.href).pathname.slice(1)));
}

function native(region) {
  return nativeSearch(site.out, ["--in", region]).hits.map((h) => h.url);
}

test("the sharded example has an index per region and none for the whole directory", () => {
  assert.ok(Object.keys(shards).length >= 5, JSON.stringify(shards));
  assert.ok("Utrecht" in shards && "Limburg" in shards);
  const page = readFileSync(join(site.out, "search", "index.html"), "utf8");
  assert.match(page, /data-index=""/);
  for (const [region, path] of Object.entries(shards)) {
    assert.match(page, new RegExp(`data-index="/${path}" data-bodies="/search/bodies-[0-9a-f]{16}\\.pdtx">${region}</option>`), region);
  }
});

test("nothing is downloaded before a region is chosen, then only that region's index", async () => {
  const context = await browser.newContext();
  const requests = [];
  context.on("request", (r) => requests.push(new URL(r.url()).pathname));
  const page = await context.newPage();
  await page.goto(site.url + "search/");
  await page.focus("#q");
  await page.waitForFunction(() => document.getElementById("search-status").textContent === "Kies een regio om in te zoeken.");
  assert.deepEqual(requests.filter((p) => /\.(pdix|pdtx|wasm)$/.test(p)), [], "no index, bodies or engine before a region is chosen");

  await page.selectOption("#in", "Utrecht");
  await answered(page);
  assert.equal(new URLSearchParams(new URL(page.url()).search).get("in"), "Utrecht");
  assert.deepEqual(requests.filter((p) => p.endsWith(".pdix")), ["/" + shards.Utrecht]);
  const utrecht = await shown(page);
  assert.deepEqual(utrecht, native("Utrecht"));
  assert.ok(utrecht.length >= 3);

  await page.selectOption("#in", "Limburg");
  await answered(page);
  await page.waitForFunction((n) => document.querySelectorAll("#results li").length > 0 && location.search.includes("in=Limburg"), null);
  assert.deepEqual(await shown(page), native("Limburg"));
  assert.deepEqual(requests.filter((p) => p.endsWith(".pdix")), ["/" + shards.Utrecht, "/" + shards.Limburg]);
  assert.ok(requests.every((p) => !p.endsWith(".pdix") || Object.values(shards).includes(p.slice(1))));
  await context.close();
});

test("what a visitor types before the search script arrives is kept with a region in the address", async () => {
  const context = await browser.newContext();
  const release = await holdBack(context, "**/assets/search.js");
  const page = await context.newPage();
  await page.goto(site.url + "search/?in=Utrecht", { waitUntil: "commit" });
  await page.locator("#q").pressSequentially("depressie");
  release();
  await page.waitForFunction(() => new URLSearchParams(location.search).get("q") === "depressie");
  await answered(page);
  assert.equal(await page.inputValue("#q"), "depressie");
  assert.deepEqual(await shown(page), nativeSearch(site.out, ["--in", "Utrecht", "depressie"]).hits.map((h) => h.url));
  await context.close();
});

test("a shared address with a region and a query opens that region's results", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url + "search/?in=Utrecht&q=depressie");
  await answered(page);
  assert.equal(await page.inputValue("#in"), "Utrecht");
  const expected = nativeSearch(site.out, ["--in", "Utrecht", "depressie"]).hits.map((h) => h.url);
  assert.ok(expected.length > 0);
  assert.deepEqual(await shown(page), expected);
  assert.match(await page.textContent(".private"), /welke regio/);
  await context.close();
});
