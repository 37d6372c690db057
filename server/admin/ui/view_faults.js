// "Faults": the fault rules (GET /_chokepoint/faults) with their state and counters; a form that adds one
// (POST /_chokepoint/faults: throttle, error or latency, for the next N calls or a probability), and removal of one
// rule or all (DELETE). The page is served from the server's own origin, which the control API accepts changes from.
"use strict";

(function () {
  const { el, setChildren, fmt, getJson, sendJson } = Chokepoint;
  let refreshNow = () => {};

  function actionText(rule) {
    if (rule.throttle) return "throttle";
    if (rule.error) {
      const e = rule.error;
      return "error " + e.code + (e.status ? " " + e.status : "") + (e.message ? ": " + e.message : "");
    }
    if (rule.latency) {
      const l = rule.latency;
      return "latency " + (l.ms !== undefined ? l.ms : l.min_ms + "–" + l.max_ms) + " ms";
    }
    if (rule.rate) return "rate " + rule.rate.per_second + "/s" + (rule.rate.burst ? ", burst " + rule.rate.burst : "");
    return "–";
  }

  function listText(value) {
    if (value === undefined || value === null) return "*";
    return Array.isArray(value) ? value.join(", ") : String(value);
  }

  function result(text, failed) {
    const node = document.getElementById("fault-form-result");
    node.textContent = text;
    node.classList.toggle("error", Boolean(failed));
  }

  async function remove(id) {
    try {
      await sendJson("DELETE", "/_chokepoint/faults/" + encodeURIComponent(id));
      result("removed " + id, false);
    } catch (error) {
      result(error.message, true);
    }
    refreshNow();
  }

  function row(rule) {
    const button = el("button", { type: "button", class: "remove", text: "Remove" });
    button.addEventListener("click", () => remove(rule.id));
    return el("tr", { data: { id: rule.id } }, [
      el("td", { text: rule.id }),
      el("td", { text: rule.name || "" }),
      el("td", { text: rule.source + (rule.scenario ? " " + rule.scenario : "") }),
      el("td", { text: listText(rule.service) }),
      el("td", { text: listText(rule.operation) }),
      el("td", { class: "action", text: actionText(rule) }),
      el("td", { class: "num", text: fmt(rule.probability === undefined ? 1 : rule.probability) }),
      el("td", { class: "num remaining", text: rule.remaining === undefined ? "–" : rule.remaining }),
      el("td", { class: "state", text: rule.state }),
      el("td", { class: "num matched", text: rule.matched }),
      el("td", { class: "num applied", text: rule.applied }),
      el("td", {}, [button]),
    ]);
  }

  // The form's fields as a rule for POST /_chokepoint/faults; only what was filled in.
  function ruleFromForm(form) {
    const value = (name) => form.elements[name].value.trim();
    const rule = { service: value("service") };
    if (value("operation")) rule.operation = value("operation");
    if (value("name")) rule.name = value("name");
    if (value("count")) rule.count = Number(value("count"));
    if (value("probability")) rule.probability = Number(value("probability"));
    const action = value("action");
    if (action === "throttle") rule.throttle = true;
    if (action === "latency") rule.latency = { ms: Number(value("latency_ms") || 0) };
    if (action === "error") {
      rule.error = { code: value("error_code") || "InternalServerError" };
      if (value("error_status")) rule.error.status = Number(value("error_status"));
      if (value("error_message")) rule.error.message = value("error_message");
    }
    return rule;
  }

  async function add(event) {
    event.preventDefault();
    try {
      const answer = await sendJson("POST", "/_chokepoint/faults", ruleFromForm(event.target));
      result("added " + answer.ids.join(", "), false);
    } catch (error) {
      result(error.message, true);
    }
    refreshNow();
  }

  async function clearAll() {
    try {
      const answer = await sendJson("DELETE", "/_chokepoint/faults");
      result("removed " + answer.deleted + " rule" + (answer.deleted === 1 ? "" : "s"), false);
    } catch (error) {
      result(error.message, true);
    }
    refreshNow();
  }

  Chokepoint.views.faults = {
    init(tick) {
      refreshNow = tick;
      document.getElementById("fault-form").addEventListener("submit", add);
      document.getElementById("fault-clear").addEventListener("click", clearAll);
    },
    async refresh(active) {
      if (!active) return;
      const answer = await getJson("/_chokepoint/faults");
      const body = document.querySelector("#faults-table tbody");
      setChildren(body, answer.faults.length ? answer.faults.map(row)
        : [el("tr", {}, [el("td", { class: "empty", colspan: 12, text: "no fault rule" })])]);
    },
  };
})();
