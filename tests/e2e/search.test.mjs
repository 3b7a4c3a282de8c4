// In-browser search on the built example: the engine runs in a worker from
// the downloaded index, finds by stem and despite typos, filters with live
// counts, keeps the query in the address for Back, makes no request once
// loaded, stores nothing, agrees with `peerdir search`, and from a page in
// another language shows a translated listing in that language.

import { test } from "node:test";
import assert from "node:assert/strict";
import { artifact, holdBack, listingsWithTopic, nativeSearch, useSite } from "./lib.mjs";

const env = useSite("nl");

async function open(width = 390) {
  const context = await env.browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(env.site.url + "search/");
  return { context, page };
}

/** Types a query and waits until the results answer it. */
async function search(page, text) {
  await page.fill("#q", text);
  await page.waitForFunction((t) => new URLSearchParams(location.search).get("q") === t, text);
  await page.waitForFunction(() => /\d|Niets/.test(document.getElementById("search-status").textContent));
  await page.waitForTimeout(50);
}

async function shown(page) {
  return page.$$eval("#results li h2 a", (as) => as.map((a) => new URL(a.href).pathname.slice(1)));
}

test("typing verslavingen lists the specialists on alcohol and drug addiction", async () => {
  const { context, page } = await open();
  await search(page, "verslavingen");
  const results = await shown(page);
  const wanted = listingsWithTopic(env.site.source, /addiction\/(alcohol|drugs)/).filter((u) => u.startsWith("specialists/"));
  assert.ok(wanted.length >= 8);
  for (const url of wanted) assert.ok(results.includes(url), `${url} missing from ${results}`);
  assert.match(await page.textContent("#search-status"), /^\d+ resultaten$/);
  await context.close();
});

test("a typo (depresie) still finds the depression listings", async () => {
  const { context, page } = await open();
  await search(page, "depresie");
  assert.deepEqual((await shown(page)).sort(), listingsWithTopic(env.site.source, /mental-health\/depression/));
  assert.ok((await page.$$("#results mark")).length > 0, "matched words are highlighted");
  await context.close();
});

test("a region filter updates the counts and the results", async () => {
  const { context, page } = await open();
  await search(page, "verslavingen");
  const before = await page.textContent("#search-status");
  await page.click("#filters summary");
  const utrecht = page.locator("fieldset[data-facet=region] .option", { hasText: "Utrecht" });
  const count = Number((await utrecht.locator("[data-count]").textContent()).replace(/\D/g, ""));
  assert.ok(count > 0 && count < 24, `Utrecht count ${count}`);
  await utrecht.locator("input").check();
  await page.waitForFunction((n) => document.querySelectorAll("#results li").length === n, count);
  assert.notEqual(await page.textContent("#search-status"), before);
  assert.equal(new URL(page.url()).searchParams.get("region"), "Utrecht");
  const topicCounts = await page.$$eval("fieldset[data-facet=topic] [data-count]", (s) => s.map((x) => x.textContent));
  assert.ok(topicCounts.some((c) => c === "(0)"), "other counts follow the filter");
  await context.close();
});

test("Back restores the previous query", async () => {
  const { context, page } = await open();
  await search(page, "alcohol");
  const first = await shown(page);
  await search(page, "gokken");
  assert.notDeepEqual(await shown(page), first);
  await page.goBack();
  await page.waitForFunction(() => document.getElementById("q").value === "alcohol");
  await page.waitForFunction((n) => document.querySelectorAll("#results li").length === n, first.length);
  assert.deepEqual(await shown(page), first);
  await context.close();
});

test("what a visitor types before the search script arrives is searched for", async () => {
  // A slow connection: the page is there, its scripts are not yet.
  const context = await env.browser.newContext({ viewport: { width: 390, height: 900 } });
  const release = await holdBack(context, "**/assets/search.js");
  const page = await context.newPage();
  await page.goto(env.site.url + "search/", { waitUntil: "commit" });
  await page.locator("#q").pressSequentially("alcohol");
  release();
  await page.waitForFunction(() => document.querySelectorAll("#results li").length > 0);
  assert.equal(await page.inputValue("#q"), "alcohol");
  assert.equal(new URL(page.url()).searchParams.get("q"), "alcohol");
  await context.close();
});

test("the engine and the index download with the page, once, whatever the cache", async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 900 } });
  const fetched = { wasm: 0, pdix: 0 };
  // Routing turns the HTTP cache off, as a host sending no-store would:
  // the page's fetches must use the preloads, not fetch again.
  await context.route(/\.(wasm|pdix)$/, async (route) => {
    fetched[route.request().url().endsWith(".wasm") ? "wasm" : "pdix"] += 1;
    await route.continue();
  });
  const release = await holdBack(context, "**/assets/search.js");
  const page = await context.newPage();
  await page.goto(env.site.url + "search/", { waitUntil: "commit" });
  for (let i = 0; i < 100 && (fetched.wasm === 0 || fetched.pdix === 0); i++) await page.waitForTimeout(50);
  assert.deepEqual(fetched, { wasm: 1, pdix: 1 }, "both started before search.js ran");
  release();
  await search(page, "alcohol");
  assert.ok((await shown(page)).length > 0);
  assert.deepEqual(fetched, { wasm: 1, pdix: 1 }, "each downloaded once");
  await context.close();
});

test("results show before the listings' bodies arrive; their snippets follow in place", async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 900 } });
  let release;
  const held = new Promise((ok) => (release = ok));
  const order = [];
  context.on("requestfinished", (r) => order.push(new URL(r.url()).pathname.split(".").pop()));
  try {
    // The index is slow to come: the bodies must not be asked for before.
    await context.route(/\.pdix$/, async (route) => {
      await new Promise((ok) => setTimeout(ok, 700));
      await route.continue();
    });
    await context.route(/\.pdtx$/, async (route) => {
      order.push("bodies asked");
      await held;
      await route.continue();
    });
    const page = await context.newPage();
    await page.goto(env.site.url + "search/");
    await page.fill("#q", "verslavingen");
    // Answered while the bodies are held back (a timeout fails the test).
    await page.waitForFunction(() => document.querySelectorAll("#results li").length > 0, null, { timeout: 20_000 });
    const early = await shown(page);
    const status = await page.textContent("#search-status");
    assert.equal(await page.locator("#results .snippet").count(), 0, "no snippets before the bodies");
    assert.ok(order.indexOf("bodies asked") > Math.max(order.indexOf("wasm"), order.indexOf("pdix")), `the bodies are asked for after the engine and the index: ${order}`);
    await page.locator("#results li h2 a").first().focus();
    release();
    await page.waitForFunction(() => document.querySelectorAll("#results .snippet").length > 0, null, { timeout: 20_000 });
    assert.deepEqual(await shown(page), early, "the same results, in the same order");
    assert.equal(await page.textContent("#search-status"), status);
    assert.equal(await page.evaluate(() => document.activeElement.closest("#results li") !== null), true, "focus stays on the result");
    assert.ok(await page.$$eval("#results li", (lis) => lis.every((li) => li.querySelectorAll(".snippet").length <= 1)));
    await search(page, '"eerste maanden"');
    assert.ok((await shown(page)).length > 0, "a phrase is searched once the bodies are in");
  } finally {
    release();
    await context.close();
  }
});

test("once loaded, queries make no request at all, and nothing is stored", async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 900 } });
  const requests = [];
  context.on("request", (r) => requests.push(r.url()));
  const page = await context.newPage();
  await page.goto(env.site.url + "search/");
  await search(page, "alcohol");
  await page.waitForFunction(() => document.querySelector("#results .snippet") !== null);
  const loaded = requests.length;
  assert.ok(["wasm", "pdix", "pdtx"].every((x) => requests.some((u) => u.endsWith("." + x))), "engine, index and bodies were fetched whole");
  for (const q of ["psychose", "gokken", "depresie", "Arabisch"]) await search(page, q);
  assert.deepEqual(requests.slice(loaded), [], "requests after loading");
  assert.ok(requests.every((u) => u.startsWith(env.site.origin + "/")));
  const stored = await page.evaluate(() => ({ cookie: document.cookie, local: localStorage.length, session: sessionStorage.length }));
  assert.deepEqual(stored, { cookie: "", local: 0, session: 0 });
  await context.close();
});

test("the browser and peerdir search agree on the top results", async () => {
  const { context, page } = await open();
  for (const q of ["verslavingen", "depresie", "gokken", "\"eerste maanden\""]) {
    await search(page, q);
    const native = nativeSearch(env.site.out, [q]).hits.map((h) => h.url);
    assert.deepEqual((await shown(page)).slice(0, 10), native.slice(0, 10), q);
  }
  await context.close();
});

test("near a place orders by distance", async () => {
  const { context, page } = await open();
  await page.fill("#near", "Maastricht");
  await page.dispatchEvent("#near", "change");
  await search(page, "alcohol");
  await page.waitForFunction(() => /Maastricht/.test(document.getElementById("search-status").textContent));
  assert.equal((await shown(page))[0], "specialists/thomas-willems/");
  await context.close();
});

test("screenshots of results at 360 and 1280 px", async () => {
  for (const width of [360, 1280]) {
    const { context, page } = await open(width);
    await search(page, "verslavingen");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
    artifact(`search-results-${width}.png`, await page.screenshot({ fullPage: true }));
    await context.close();
  }
});

test("a browser without WebAssembly is told search is unavailable", async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    delete window.WebAssembly;
  });
  const page = await context.newPage();
  await page.goto(env.site.url + "search/");
  assert.match(await page.textContent("#search-status"), /Zoeken werkt nu niet/);
  await context.close();
});

test("on the Turkish, Arabic and Polish pages another form of a word finds the translated listing, shown in that language", async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 900 } });
  const page = await context.newPage();
  for (const [lang, word, url, summary] of [
    ["tr", "tramvayda", "specialists/fatma-yilmaz/", /^Kaygı ve panik/],
    ["ar", "الشوارع", "specialists/mohamed-el-idrissi/", /^خبير بالتجربة/],
    ["pl", "sezonowych", "specialists/tomasz-nowak/", /^Ekspert przez doświadczenie/],
  ]) {
    await page.goto(`${env.site.url}${lang}/search/?q=${encodeURIComponent(word)}`);
    await page.waitForSelector("#results li");
    const first = page.locator("#results li").first();
    assert.equal(new URL(await first.locator("h2 a").getAttribute("href"), env.site.url).pathname, `/${lang}/${url}`);
    const text = first.locator("p:not(.kind):not(.snippet)").last();
    assert.match(await text.textContent(), summary, `${lang}: the summary in the page's language`);
    assert.equal(await text.getAttribute("lang"), null, `${lang}: in the page's language, unmarked`);
  }
  await page.goto(`${env.site.url}en/search/?q=tramvayda`);
  await page.waitForSelector("#results li");
  const dutch = page.locator("#results li p[lang='nl']");
  assert.match(await dutch.first().textContent(), /^Ervaringsdeskundige bij angst/, "from the English page, the original, marked");
  assert.equal(await dutch.first().getAttribute("dir"), "auto");
  await context.close();
});
