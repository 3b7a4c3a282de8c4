// Quick exit: the "exit this page" link, or the Shift key pressed three
// times on its own, blanks the page at once and replaces it with the
// neutral site from site.yaml. location.replace keeps this page out of the
// history, so Back does not return to it. Without JavaScript the link
// still works.
//
// As GOV.UK's "Exit this page": a Shift press counts only when no other
// key (or click) was used while it was held, so typing capitals never
// counts; any other key starts the count again; each press may come up to
// five seconds after the one before. The presses still needed are said in
// a live region.
(function () {
  "use strict";
  var link = document.querySelector("a[data-quick-exit]");
  if (!link) return;
  var status = document.querySelector("[data-quick-exit-status]");
  var target = link.href;
  var leaving = false;
  var WAIT = 5000;

  function exit(event) {
    if (event) event.preventDefault();
    if (leaving) return;
    leaving = true;
    document.title = "";
    document.body.textContent = "";
    document.documentElement.style.background = "#fff";
    window.location.replace(target);
  }

  link.addEventListener("click", exit);

  var count = 0;
  var alone = false; // Shift is down and nothing else was used with it.
  var timer = null;

  function say(text) {
    if (status) status.textContent = text || "";
  }

  function reset(expired) {
    clearTimeout(timer);
    timer = null;
    if (count > 0) say(expired && status ? status.dataset.expired : "");
    count = 0;
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) alone = true;
      return;
    }
    alone = false;
    if (count > 0) reset(false);
  }, true);

  document.addEventListener("pointerdown", function (event) {
    if (event.shiftKey) alone = false;
  }, true);

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || !alone) return;
    alone = false;
    count += 1;
    clearTimeout(timer);
    if (count >= 3) {
      exit();
      return;
    }
    if (status) say(count === 1 ? status.dataset.two : status.dataset.one);
    timer = setTimeout(function () { reset(true); }, WAIT);
  }, true);
})();
