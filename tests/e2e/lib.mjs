// Shared setup for the browser tests: builds sites with the real peerdir
// binary, serves them on 127.0.0.1, and launches Debian's Chromium through
// playwright-core.

import { spawnSync } from "node:child_process";
import { after, before } from "node:test";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, resolve } from "node:path";
import { chromium } from "playwright-core";

export const ROOT = resolve(import.meta.dirname, "../..");
export const ARTIFACTS = join(ROOT, "target", "e2e-artifacts");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
export const BIN = process.env.PEERDIR_BIN || join(ROOT, "target", "debug", "peerdir");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".xml": "application/xml",
};

/**
 * Serves `dir` under the path `base` on a free local port. A missing
 * address gets the nearest `404.html` above it, as Cloudflare Pages
 * serves it, so `/en/no/such/page/` gets the English one.
 */
export function serve(dir, base = "/") {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = path.startsWith(base) ? join(dir, path.slice(base.length)) : null;
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (file && existsSync(file) && statSync(file).isFile() && resolve(file).startsWith(resolve(dir))) {
      res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
      res.end(readFileSync(file));
    } else {
      const parts = path.startsWith(base) ? path.slice(base.length).split("/").slice(0, -1) : [];
      let found = null;
      for (let n = parts.length; n >= 0 && !found; n--) {
        const candidate = join(dir, ...parts.slice(0, n), "404.html");
        if (resolve(candidate).startsWith(resolve(dir)) && existsSync(candidate)) found = candidate;
      }
      res.writeHead(404, { "content-type": TYPES[".html"] });
      res.end(found ? readFileSync(found) : "not found");
    }
  });
  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () => ok({ origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })),
  );
}

/** A page standing in for the neutral site the quick exit leads to. */
export async function exitTarget() {
  const dir = mkdtempSync(join(tmpdir(), "peerdir-exit-"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>Weather</title><p>Sunny.</p>");
  return serve(dir);
}

/** Output folders already built, by what they were built from. */
const BUILT = new Map();

/**
 * Builds a content folder (a copy, with `exit_url` pointing at `exitUrl`
 * and `siteYaml` added to site.yaml) with the peerdir binary, once for the
 * same arguments; returns the output folder.
 */
export function build(source, exitUrl, siteYaml = "") {
  const key = JSON.stringify([source, exitUrl, siteYaml]);
  if (!BUILT.has(key)) BUILT.set(key, buildNow(source, exitUrl, siteYaml));
  return BUILT.get(key);
}

function buildNow(source, exitUrl, siteYaml) {
  const work = mkdtempSync(join(tmpdir(), "peerdir-e2e-"));
  const content = join(work, "content");
  cpSync(source, content, { recursive: true });
  if (exitUrl) {
    const site = join(content, "site.yaml");
    writeFileSync(site, readFileSync(site, "utf8").replace(/^exit_url: .*$/m, `exit_url: ${exitUrl}`));
  }
  if (siteYaml) {
    const site = join(content, "site.yaml");
    writeFileSync(site, readFileSync(site, "utf8") + "\n" + siteYaml);
  }
  const out = join(work, "public");
  const run = spawnSync(BIN, ["build", "--source", content, "--out", out], {
    env: { ...process.env, SOURCE_DATE_EPOCH: "1795996800" },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`peerdir build failed:\n${run.stderr}`);
  return out;
}

/**
 * The sites under test: the Dutch example (a site in six languages, at
 * its root) and the English fixture (one language, under a path).
 */
export const SITES = {
  nl: {
    source: join(ROOT, "content"),
    base: "/",
    pages: {
      home: "",
      specialist: "specialists/anna-de-vries/",
      "specialist-stale": "specialists/pieter-hoekstra/",
      "specialist-english": "specialists/grace-mensah/",
      program: "programs/herstelacademie-amsterdam/",
      "program-sessions": "programs/samen-nuchter-brabant/",
      "program-closed": "programs/werk-en-herstel-den-haag/",
      "program-full": "programs/maatjes-in-herstel-rotterdam/",
      "specialist-approximate": "specialists/sanne-bakker/",
      audiences: "audiences/",
      audience: "audiences/relatives/",
      topics: "topics/",
      topic: "topics/addiction/",
      subtopic: "topics/addiction/alcohol/",
      regions: "regions/",
      region: "regions/utrecht/",
      kinds: "kinds/",
      kind: "kinds/buddy/",
      languages: "languages/",
      language: "languages/nl/",
      "a-z": "a-z/",
      "a-z-page-2": "a-z/page/2/",
      specialists: "specialists/",
      programs: "programs/",
      "free-page": "over/",
      search: "search/",
      "search-results": "search/?q=verslavingen&region=Utrecht",
      "search-sessions": "search/?day=today&time=evening&upcoming=1",
      safety: "safety/",
      "not-found": "no/such/page/",
    },
  },
  en: {
    source: join(ROOT, "tests", "fixtures", "minimal"),
    base: "/directory/",
    pages: {
      home: "",
      specialist: "specialists/alex-river/",
      "specialist-stale": "specialists/bea-stone/",
      program: "programs/sober-circle/",
      topics: "topics/",
      topic: "topics/addiction/",
      subtopic: "topics/addiction/alcohol/",
      regions: "regions/",
      region: "regions/north/",
      kinds: "kinds/",
      kind: "kinds/self-help-group/",
      languages: "languages/",
      language: "languages/en/",
      "a-z": "a-z/",
      "a-z-page-2": "a-z/page/2/",
      specialists: "specialists/",
      programs: "programs/",
      "free-page": "about/",
      search: "search/",
      "search-results": "search/?q=alcohol",
      safety: "safety/",
      "not-found": "no/such/page/",
    },
  },
};
/**
 * The example's interface languages after Dutch, each its own site under
 * test: the same build, its pages under `/<code>/`. `example-en` is the
 * example in English (`en` is the English fixture).
 */
export const EXAMPLE_LANGUAGES = ["en", "tr", "ar", "pl", "uk"];
for (const lang of EXAMPLE_LANGUAGES) {
  const pages = Object.fromEntries(Object.entries(SITES.nl.pages).map(([type, address]) => [type, `${lang}/${address}`]));
  SITES[lang === "en" ? "example-en" : lang] = { source: SITES.nl.source, base: "/", lang, pages };
}

/**
 * For the tests of one file: launches Chromium and builds and serves the
 * site `name` before them, and closes both after. The returned object's
 * `browser` and `site` are set once the tests run.
 */
export function useSite(name) {
  const env = { browser: null, site: null };
  before(async () => {
    env.browser = await launch();
    env.site = await start(name);
  });
  after(async () => {
    await env.browser?.close();
    env.site?.close();
  });
  return env;
}

/** Builds and serves one site; returns its origin, base URL and output folder. */
export async function start(name, exitUrl, siteYaml) {
  const site = SITES[name];
  const out = build(site.source, exitUrl, siteYaml);
  const server = await serve(out, site.base);
  return { ...site, out, origin: server.origin, url: server.origin + site.base, close: server.close };
}

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Every listing page of a built site, as addresses relative to its base. */
export function listingPages(out) {
  const pages = [];
  for (const kind of ["specialists", "programs"]) {
    for (const slug of readdirSync(join(out, kind))) {
      if (slug !== "index.html" && slug !== "page") pages.push(`${kind}/${slug}/`);
    }
  }
  return pages.sort();
}

/** Every HTML page of a built site, as addresses relative to its base. */
export function allPages(out, prefix = "") {
  const pages = [];
  for (const entry of readdirSync(join(out, prefix), { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) pages.push(...allPages(out, rel + "/"));
    else if (entry.name === "index.html") pages.push(prefix);
  }
  return pages.sort();
}

/** Runs `peerdir search --json` on a built site. */
export function nativeSearch(out, args) {
  const run = spawnSync(BIN, ["search", "--site", out, "--json", "--limit", "50", ...args], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`peerdir search failed:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** Listing addresses of a content folder whose `topics:` line matches `re`. */
export function listingsWithTopic(source, re) {
  const out = [];
  for (const kind of ["specialists", "programs"]) {
    for (const file of readdirSync(join(source, kind)).filter((f) => f.endsWith(".md"))) {
      const topics = readFileSync(join(source, kind, file), "utf8").split("\n").find((l) => l.startsWith("topics:")) || "";
      if (re.test(topics)) out.push(`${kind}/${file.slice(0, -3)}/`);
    }
  }
  return out.sort();
}

export function artifact(name, data) {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, name), data);
  return join(ARTIFACTS, name);
}

/**
 * Holds back the requests of `context` matching `pattern` (as a slow
 * connection would) until the returned function is called.
 */
export async function holdBack(context, pattern) {
  let release;
  const released = new Promise((ok) => (release = ok));
  await context.route(pattern, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}
