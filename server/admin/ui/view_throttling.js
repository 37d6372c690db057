// "Throttling now": per account, region, service and operation, requests and throttles per second, computed by
// differencing successive scrapes of chokepoint_requests_total (by outcome) from /_chokepoint/metrics; and every
// bucket's level against its burst from /_chokepoint/buckets, with a sparkline of its last samples.
"use strict";

(function () {
  const { el, svg, setChildren, fmt, getJson, getText, History } = Chokepoint;
  const SAMPLES = 60;
  const history = new History(SAMPLES);
  let previous = null;  // {time, totals: Map key -> {outcome -> count}}
  let latest = { rows: [], buckets: [] };
  let filterText = "";

  // chokepoint_requests_total summed per operation key, by outcome.
  function requestTotals(samples) {
    const totals = new Map();
    for (const s of samples) {
      if (s.name !== "chokepoint_requests_total") continue;
      const l = s.labels;
      const key = [l.account, l.region, l.service, l.operation].join("\u0000");
      let entry = totals.get(key);
      if (!entry) {
        entry = { account: l.account, region: l.region, service: l.service, operation: l.operation, outcomes: {} };
        totals.set(key, entry);
      }
      entry.outcomes[l.outcome] = (entry.outcomes[l.outcome] || 0) + s.value;
    }
    return totals;
  }

  function sum(outcomes) {
    return Object.values(outcomes).reduce((a, b) => a + b, 0);
  }

  // One row per operation: its totals and, from the previous scrape, its rates.
  function operationRows(totals, time) {
    const rows = [];
    for (const [key, entry] of totals) {
      const before = previous && previous.totals.get(key);
      const seconds = previous ? (time - previous.time) / 1000 : 0;
      const rate = (now, then) => (seconds > 0 ? Math.max(0, now - then) / seconds : null);
      rows.push({
        account: entry.account,
        region: entry.region,
        service: entry.service,
        operation: entry.operation,
        requests: sum(entry.outcomes),
        throttled: entry.outcomes.throttled || 0,
        faults: entry.outcomes.fault || 0,
        errors: entry.outcomes.error || 0,
        requestsPerSecond: before ? rate(sum(entry.outcomes), sum(before.outcomes)) : null,
        throttledPerSecond: before ? rate(entry.outcomes.throttled || 0, before.outcomes.throttled || 0) : null,
      });
    }
    rows.sort((a, b) => compareKeys([a.account, a.region, a.service, a.operation], [b.account, b.region, b.service, b.operation]));
    return rows;
  }

  function compareKeys(a, b) {
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return 0;
  }

  function matches(fields) {
    if (!filterText) return true;
    return fields.some((f) => String(f).toLowerCase().includes(filterText));
  }

  function operationRow(r) {
    const throttling = r.throttledPerSecond > 0;
    return el("tr", { data: { account: r.account, region: r.region, service: r.service, operation: r.operation } }, [
      el("td", { text: r.account }),
      el("td", { text: r.region }),
      el("td", { text: r.service }),
      el("td", { text: r.operation }),
      el("td", { class: "num requests-rate", text: fmt(r.requestsPerSecond, 1) }),
      el("td", { class: "num throttled-rate" + (throttling ? " throttling" : ""), text: fmt(r.throttledPerSecond, 1) }),
      el("td", { class: "num requests-total", text: fmt(r.requests) }),
      el("td", { class: "num throttled-total", text: fmt(r.throttled) }),
      el("td", { class: "num faults-total", text: fmt(r.faults) }),
      el("td", { class: "num errors-total", text: fmt(r.errors) }),
    ]);
  }

  // The bucket's level (tokens against burst; debt shows as empty) as a bar.
  function levelBar(fraction) {
    const width = 100;
    const clamped = Math.max(0, Math.min(1, fraction));
    return svg("svg", { class: "level-bar", width: width, height: 10, viewBox: "0 0 " + width + " 10" }, [
      svg("rect", { class: "track", x: 0, y: 0, width: width, height: 10 }),
      svg("rect", { class: "fill" + (clamped < 0.2 ? " low" : ""), x: 0, y: 0, width: clamped * width, height: 10 }),
    ]);
  }

  // The last samples of the level (0 at the bottom, the burst at the top).
  function sparkline(fractions) {
    const width = 120;
    const height = 24;
    const step = width / (SAMPLES - 1);
    const offset = (SAMPLES - fractions.length) * step;
    const points = fractions.map((f, i) => {
      const y = height - 1 - Math.max(0, Math.min(1, f)) * (height - 2);
      return (offset + i * step).toFixed(1) + "," + y.toFixed(1);
    });
    return svg("svg", { class: "sparkline", width: width, height: height, viewBox: "0 0 " + width + " " + height }, [
      svg("line", { class: "axis", x1: 0, y1: height - 0.5, x2: width, y2: height - 0.5 }),
      svg("polyline", { points: points.join(" ") }),
    ]);
  }

  function bucketRow(b) {
    const key = [b.account, b.region, b.service, b.bucket].join("\u0000");
    const fraction = b.burst > 0 ? b.tokens / b.burst : 0;
    return el("tr", {
      data: { account: b.account, region: b.region, service: b.service, bucket: b.bucket, tokens: b.tokens, burst: b.burst },
    }, [
      el("td", { text: b.account }),
      el("td", { text: b.region }),
      el("td", { text: b.service }),
      el("td", { text: b.bucket }),
      el("td", { class: "num tokens", text: fmt(b.tokens, 2) }),
      el("td", { class: "num burst", text: fmt(b.burst) }),
      el("td", { class: "num rate", text: fmt(b.rate, 3) }),
      el("td", {}, [levelBar(fraction)]),
      el("td", {}, [sparkline(history.series.get(key) || [])]),
    ]);
  }

  function render() {
    const rows = latest.rows.filter((r) => matches([r.account, r.region, r.service, r.operation]));
    const buckets = latest.buckets.filter((b) => matches([b.account, b.region, b.service, b.bucket]));
    const operationsBody = document.querySelector("#operations-table tbody");
    const bucketsBody = document.querySelector("#buckets-table tbody");
    setChildren(operationsBody, rows.length ? rows.map(operationRow) : [emptyRow(10, "no requests yet")]);
    setChildren(bucketsBody, buckets.length ? buckets.map(bucketRow) : [emptyRow(9, "no bucket used yet")]);
  }

  function emptyRow(span, text) {
    return el("tr", {}, [el("td", { class: "empty", colspan: span, text: text })]);
  }

  Chokepoint.views.throttling = {
    alwaysRefresh: true,
    init() {
      const input = document.getElementById("throttling-filter");
      input.addEventListener("input", () => {
        filterText = input.value.trim().toLowerCase();
        render();
      });
    },
    async refresh(active) {
      const [metrics, buckets] = await Promise.all([getText("/_chokepoint/metrics"), getJson("/_chokepoint/buckets")]);
      const time = performance.now();
      const totals = requestTotals(Chokepoint.parsePrometheus(metrics));
      latest.rows = operationRows(totals, time);
      previous = { time: time, totals: totals };
      latest.buckets = buckets.buckets;
      for (const b of latest.buckets) {
        history.push([b.account, b.region, b.service, b.bucket].join("\u0000"), b.burst > 0 ? b.tokens / b.burst : 0);
      }
      if (active) render();
    },
  };
})();
