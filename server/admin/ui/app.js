// The dashboard's start: tabs, and a refresh of the visible view about once a second. The throttling view samples
// on every tick even when hidden, so that its rates and sparklines have a history when it is opened.
"use strict";

(function () {
  const { views } = Chokepoint;
  const REFRESH_MS = 1000;
  const status = document.getElementById("status");
  let current = "throttling";

  function show(name) {
    if (!views[name]) return;
    current = name;
    for (const button of document.querySelectorAll("#tabs button")) {
      button.classList.toggle("active", button.getAttribute("data-view") === name);
    }
    for (const section of document.querySelectorAll("main > .view")) {
      section.classList.toggle("active", section.id === "view-" + name);
    }
    if (location.hash !== "#" + name) history.replaceState(null, "", "#" + name);
    tick();
  }

  let timer = null;
  let running = false;

  // One refresh round; the next starts REFRESH_MS after this one ends, so slow answers never pile up.
  async function tick() {
    clearTimeout(timer);
    if (running) return;
    running = true;
    try {
      const work = [];
      for (const [name, view] of Object.entries(views)) {
        if (name === current || view.alwaysRefresh) work.push(view.refresh(name === current));
      }
      await Promise.all(work);
      status.textContent = "updated " + new Date().toLocaleTimeString();
      status.classList.remove("error");
    } catch (error) {
      status.textContent = "cannot reach the control API: " + error.message;
      status.classList.add("error");
    } finally {
      running = false;
      timer = setTimeout(tick, REFRESH_MS);
    }
  }

  for (const button of document.querySelectorAll("#tabs button")) {
    button.addEventListener("click", () => show(button.getAttribute("data-view")));
  }
  document.getElementById("token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    Chokepoint.useToken(document.getElementById("token-input").value);
    tick();
  });
  for (const view of Object.values(views)) if (view.init) view.init(tick);
  window.addEventListener("hashchange", () => show(location.hash.slice(1)));
  show(views[location.hash.slice(1)] ? location.hash.slice(1) : current);
})();
