// The search page: starts the search worker when the visitor first uses
// the search field (or when the page is idle), sends each query to it, and
// shows results and filter counts. The query, place and filters live in
// the address (?q=…&near=…&topic=…), so Back and shared links work. When
// the index is sharded by region, a region is chosen first (?in=…) and
// only that region's index is downloaded.
(function () {
  "use strict";
  var app = document.getElementById("search-app");
  var form = document.getElementById("search-form");
  if (!app || !form) return;
  var d = app.dataset;
  var q = document.getElementById("q");
  var near = document.getElementById("near");
  var shard = document.getElementById("in");
  var status = document.getElementById("search-status");
  if (!window.Worker || !window.WebAssembly) {
    // An old browser: say so, the browse pages still work.
    app.hidden = false;
    status.textContent = d.tUnavailable;
    return;
  }
  var list = document.getElementById("results");
  var FACETS = ["type", "topic", "region", "program_kind", "language", "mode", "audience", "access", "status"];
  var upcoming = document.getElementById("upcoming");
  var DAYS = d.tDays.split(",");
  var worker = null;
  var loaded = null;
  var lastId = 0;
  var timer = null;
  var lastClock = null;
  var lastRequest = null;
  // The request whose results are shown, and the one asked again only
  // for its snippets.
  var shownId = 0;
  var snippetsFor = 0;

  app.hidden = false;

  function say(text) {
    status.textContent = text;
  }

  // The index to search and its bodies file: the whole directory's, or
  // the chosen region's.
  function files() {
    if (!shard) return { index: d.index, bodies: d.bodies };
    var o = shard.options[shard.selectedIndex];
    return o && o.dataset.index ? { index: o.dataset.index, bodies: o.dataset.bodies } : null;
  }

  // The engine and the index are fetched here, by the page, so that the
  // preload hints in its head (which start both downloads before any
  // script runs) are used whatever the host's caching headers; the worker
  // gets the compiled engine and the index's bytes. The engine is
  // compiled while it downloads when the host sends it as
  // application/wasm, and once for every region's index.
  function fetched(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r;
    });
  }
  var compiled = null;
  function engine() {
    compiled = compiled || fetched(d.engine).then(function (r) {
      var type = r.headers.get("content-type") || "";
      if (WebAssembly.compileStreaming && type.indexOf("application/wasm") === 0) return WebAssembly.compileStreaming(r);
      return r.arrayBuffer().then(function (bytes) { return WebAssembly.compile(bytes); });
    });
    return compiled;
  }

  // Starts a worker on the index to search (once per index); false while
  // there is none, because no region is chosen yet.
  function start() {
    var f = files();
    if (!f) {
      say(d.tChoose);
      return false;
    }
    if (worker && loaded === f.index) return true;
    if (worker) worker.terminate();
    loaded = f.index;
    say(d.tLoading);
    var w = worker = new Worker(d.worker);
    w.onmessage = onMessage;
    function bytes(url) {
      return fetched(url).then(function (r) { return r.arrayBuffer(); });
    }
    // The bodies (snippets and phrases) only once the engine and the
    // index are in: they would share the visitor's bandwidth with them.
    Promise.all([engine(), bytes(f.index)]).then(function (got) {
      w.postMessage({ type: "load", engine: got[0], index: got[1] }, [got[1]]);
      return bytes(f.bodies);
    }).then(function (b) {
      w.postMessage({ type: "bodies", bytes: b }, [b]);
    }).catch(function () {
      if (w === worker) say(d.tUnavailable);
    });
    return true;
  }

  function boxes() {
    return Array.prototype.slice.call(form.querySelectorAll("fieldset[data-facet] input[type=checkbox], fieldset[data-session] input[type=checkbox]"));
  }

  // Today (as days since 1970-01-01) and the minute of the day in the
  // site's time zone, from this device's clock: "today", "evening",
  // "upcoming first" and "in progress now" are worked out here, and no
  // request depends on them.
  function clock() {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: d.tz, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
    var day = Math.floor(Date.UTC(+parts.year, +parts.month - 1, +parts.day) / 86400000);
    return { day: day, minutes: (+parts.hour) * 60 + (+parts.minute) };
  }

  function request() {
    var filters = boxes().filter(function (b) { return b.checked; }).map(function (b) { return { facet: b.name, value: b.value }; });
    return { q: q.value.trim(), near: near.value.trim() || null, filters: filters, limit: 50, clock: clock(), upcoming: upcoming.checked, lang: document.documentElement.lang };
  }

  function toUrl(req) {
    var p = new URLSearchParams();
    if (shard && shard.value) p.set("in", shard.value);
    if (req.q) p.set("q", req.q);
    if (req.near) p.set("near", req.near);
    req.filters.forEach(function (f) { p.append(f.facet, f.value); });
    if (req.upcoming) p.set("upcoming", "1");
    var s = p.toString();
    return location.pathname + (s ? "?" + s : "");
  }

  // The form as the address says; with `typed`, a field the visitor has
  // already typed into (before this script ran) keeps what they typed.
  function fromUrl(typed) {
    var p = new URLSearchParams(location.search);
    if (shard) shard.value = p.get("in") || "";
    if (!typed || !q.value) q.value = p.get("q") || "";
    if (!typed || !near.value) near.value = p.get("near") || "";
    boxes().forEach(function (b) { b.checked = p.getAll(b.name).indexOf(b.value) >= 0; });
    upcoming.checked = p.get("upcoming") === "1";
  }

  // "dinsdag 20:00" for a session `minutes` from now.
  function when(now, minutes) {
    var at = now.minutes + minutes;
    var ahead = Math.floor(at / 1440);
    var time = ("0" + Math.floor((at % 1440) / 60)).slice(-2) + ":" + ("0" + (at % 60)).slice(-2);
    var weekday = (now.day + ahead + 3) % 7;
    var day = ahead === 0 ? d.tToday : ahead === 1 ? d.tTomorrow : DAYS[weekday];
    return day + " " + time;
  }

  function run(push) {
    var req = request();
    var url = toUrl(req);
    if (url !== location.pathname + location.search) {
      if (push) history.pushState(null, "", url);
      else history.replaceState(null, "", url);
    }
    if (!start()) {
      list.textContent = "";
      return;
    }
    lastId += 1;
    lastClock = req.clock;
    lastRequest = req;
    worker.postMessage({ type: "search", id: lastId, request: req });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(function () { run(true); }, 120);
  }

  // Marks an element whose text is in `lang`, when that is not the
  // page's language, and lets its text take its own direction.
  function inLanguage(el, lang) {
    if (lang && lang !== document.documentElement.lang) {
      el.lang = lang;
      el.dir = "auto";
    }
    return el;
  }

  // A snippet from the engine, in `lang`: escaped text with matches in
  // <b>. It is rebuilt as text nodes and <mark> elements; no markup is
  // parsed.
  function snippet(html, lang) {
    var p = inLanguage(document.createElement("p"), lang);
    p.className = "snippet";
    var parts = html.split(/<\/?b>/);
    var entities = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'" };
    parts.forEach(function (part, i) {
      var text = part.replace(/&(amp|lt|gt|quot|#39|#x27);/g, function (m) { return entities[m]; });
      if (!text) return;
      if (i % 2) {
        var mark = document.createElement("mark");
        mark.textContent = text;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(text));
      }
    });
    return p;
  }

  function item(hit) {
    var li = document.createElement("li");
    li.className = "card";
    var h = document.createElement("h2");
    h.className = "card-title";
    var a = document.createElement("a");
    a.href = d.base + hit.url;
    a.textContent = hit.name;
    if (hit.lang && hit.lang !== document.documentElement.lang) a.hreflang = hit.lang;
    h.appendChild(a);
    var kind = document.createElement("p");
    kind.className = "kind";
    kind.textContent = (hit.kind === "program" ? d.tProgram : d.tSpecialist) +
      (hit.distance_km !== null && hit.distance_km !== undefined ? " · " + d.tKm.replace("{km}", hit.distance_km) : "");
    var summary = document.createElement("p");
    summary.textContent = hit.summary;
    inLanguage(summary, hit.lang);
    li.appendChild(h);
    li.appendChild(kind);
    var standing = { "waiting-list": d.tWaitingList, full: d.tFull, "temporarily-closed": d.tTemporarilyClosed, ended: d.tEnded }[hit.status];
    if (standing) {
      var notice = document.createElement("p");
      notice.className = "standing";
      var strong = document.createElement("strong");
      strong.textContent = standing;
      notice.appendChild(strong);
      li.appendChild(notice);
    }
    if (hit.in_progress || hit.next_in_minutes !== null && hit.next_in_minutes !== undefined) {
      var next = document.createElement("p");
      next.className = "next-session";
      if (hit.in_progress) {
        var now = document.createElement("strong");
        now.className = "in-progress";
        now.textContent = d.tInProgress;
        next.appendChild(now);
      }
      if (hit.next_in_minutes !== null && hit.next_in_minutes !== undefined) {
        next.appendChild(document.createTextNode((hit.in_progress ? " · " : "") + d.tNext.replace("{when}", when(lastClock, hit.next_in_minutes))));
      }
      li.appendChild(next);
    }
    li.appendChild(summary);
    if (hit.snippet) li.appendChild(snippet(hit.snippet, hit.lang));
    return li;
  }

  function counts(facets) {
    FACETS.forEach(function (name) {
      var byValue = {};
      (facets[name] || []).forEach(function (f) { byValue[f.value] = f.count; });
      form.querySelectorAll("fieldset[data-facet=" + name + "] input").forEach(function (b) {
        var n = byValue[b.value] || 0;
        b.parentNode.querySelector("[data-count]").textContent = "(" + n + ")";
        b.disabled = n === 0 && !b.checked;
      });
    });
  }

  function show(resp) {
    list.textContent = "";
    resp.hits.forEach(function (hit) { list.appendChild(item(hit)); });
    var text = resp.total === 0 ? d.tNone : resp.total === 1 ? d.tOne : d.tResults.replace("{n}", resp.total);
    if (resp.near) text += " (" + d.tNear.replace("{place}", resp.near.name) + ")";
    if (resp.shortened) text += " " + d.tShortened;
    say(text);
    counts(resp.facets);
  }

  // Snippets for the results shown, once the bodies have arrived: added
  // to the cards in place, so nothing moves and focus stays where it is.
  function addSnippets(resp) {
    resp.hits.forEach(function (hit, i) {
      var li = list.children[i];
      var a = li && li.querySelector("h2 a");
      if (!hit.snippet || !a || a.getAttribute("href") !== d.base + hit.url || li.querySelector(".snippet")) return;
      li.appendChild(snippet(hit.snippet, hit.lang));
    });
  }

  function onMessage(event) {
    var msg = event.data;
    if (msg.type === "results" && msg.id === lastId) {
      if (msg.id === snippetsFor) addSnippets(msg.response);
      else show(msg.response);
      shownId = msg.id;
    } else if (msg.type === "bodies" && lastRequest && shownId === lastId) {
      lastId += 1;
      snippetsFor = lastId;
      worker.postMessage({ type: "search", id: lastId, request: lastRequest });
    } else if (msg.type === "error") say(d.tUnavailable);
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run(true);
  });
  q.addEventListener("focus", start);
  q.addEventListener("input", later);
  near.addEventListener("change", later);
  upcoming.addEventListener("change", function () { run(true); });
  if (shard) shard.addEventListener("change", function () { run(true); });
  boxes().forEach(function (b) { b.addEventListener("change", function () { run(true); }); });
  document.getElementById("clear-filters").addEventListener("click", function () {
    boxes().forEach(function (b) { b.checked = false; });
    upcoming.checked = false;
    run(true);
  });
  window.addEventListener("popstate", function () {
    fromUrl();
    run(false);
  });

  // On a slow connection a visitor may type before this script runs: what
  // they typed is kept and searched for, not replaced by the address.
  if (location.search) {
    fromUrl(true);
    run(false);
  } else if (q.value.trim() || near.value.trim() || upcoming.checked || boxes().some(function (b) { return b.checked; })) run(false);
  else if ("requestIdleCallback" in window) requestIdleCallback(start);
  else setTimeout(start, 2000);
})();
