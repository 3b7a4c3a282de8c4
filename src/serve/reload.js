// Added by `peerdir serve` only, never by `peerdir build`: reloads the page
// after a rebuild, and shows why a rebuild failed (the page stays the last
// good version until the problem is fixed).
(() => {
  let version = Number(new URL(document.currentScript.src).searchParams.get("v"));
  let panel = null;

  function show(error) {
    if (!error) {
      panel?.remove();
      panel = null;
      return;
    }
    if (!panel) {
      panel = document.createElement("div");
      panel.id = "peerdir-serve-error";
      panel.setAttribute("role", "alert");
      Object.assign(panel.style, {
        position: "fixed", left: "0", right: "0", bottom: "0", maxHeight: "60vh", overflow: "auto", margin: "0",
        padding: "1rem", background: "#fff4f4", color: "#5c0000", borderTop: "4px solid #b00020",
        font: "14px/1.4 monospace", whiteSpace: "pre-wrap", zIndex: "2147483647",
      });
      document.body.append(panel);
    }
    panel.textContent = `peerdir serve: the last change did not build, so this is the last good version.\n\n${error}`;
  }

  async function follow() {
    let now = "&now=1";
    for (;;) {
      try {
        const response = await fetch(`/__peerdir/wait?since=${version}${now}`, { cache: "no-store" });
        const state = await response.json();
        now = "";
        if (state.version !== version && !state.error) {
          location.reload();
          return;
        }
        version = state.version;
        show(state.error);
      } catch {
        await new Promise((ok) => setTimeout(ok, 1000));
      }
    }
  }

  follow();
})();
