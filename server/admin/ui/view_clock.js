// "Clock": the emulated clock (GET /_chokepoint/clock) and its controls: freeze (mode manual), resume (mode real)
// and advance (POST /_chokepoint/clock).
"use strict";

(function () {
  const { getJson, sendJson } = Chokepoint;

  function show(state) {
    document.getElementById("clock-now").textContent = state.now;
    document.getElementById("clock-mode").textContent = state.mode;
    document.getElementById("clock-speed").textContent = String(state.speed);
  }

  function message(text, failed) {
    const node = document.getElementById("clock-result");
    node.textContent = text;
    node.classList.toggle("error", Boolean(failed));
  }

  async function change(body, done) {
    try {
      show(await sendJson("POST", "/_chokepoint/clock", body));
      message(done, false);
    } catch (error) {
      message(error.message, true);
    }
  }

  // "90" is seconds; "90s", "5m", "2h" go to the server as they are.
  function advanceBy() {
    const text = document.getElementById("clock-advance-by").value.trim();
    return /^\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  }

  Chokepoint.views.clock = {
    init() {
      document.getElementById("clock-freeze").addEventListener("click", () => change({ mode: "manual" }, "frozen"));
      document.getElementById("clock-resume").addEventListener("click", () => change({ mode: "real" }, "running"));
      document.getElementById("clock-advance").addEventListener("click", () => {
        const by = advanceBy();
        change({ advance: by }, "advanced by " + by);
      });
    },
    async refresh(active) {
      if (active) show(await getJson("/_chokepoint/clock"));
    },
  };
})();
