// Quick exit: the "exit this page" link, or Shift pressed three times within
// two seconds, blanks the page at once and replaces it with the neutral site
// from site.yaml. location.replace keeps this page out of the history, so
// Back does not return to it. Without JavaScript the link still works.
(function () {
  "use strict";
  var link = document.querySelector("a[data-quick-exit]");
  if (!link) return;
  var target = link.href;
  var leaving = false;

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

  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) return;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 2000; });
    presses.push(now);
    if (presses.length >= 3) exit();
  });
})();
