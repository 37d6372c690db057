// "Clients and retries": the retry report (/_chokepoint/report), one card per client (access key and user agent):
// invocations, amplification, give-ups, injected faults and server errors, application-level retries, the attempts
// histogram, and the measured waits between attempts (p50 and p90 per attempt) plotted against botocore's backoff
// schedules. Internal clients (calls services make inside the server) are labelled.
"use strict";

(function () {
  const { el, svg, setChildren, fmt, getJson } = Chokepoint;

  // botocore's backoff before attempt n+1, in milliseconds: legacy mode exactly 50 ms x 2^(n-1) for DynamoDB and
  // up to 2^(n-1) s (jittered) for every other service; standard and adaptive modes up to min(2^(n-1), 20) s.
  const SCHEDULES = [
    { name: "legacy, DynamoDB: 50 ms × 2^(n-1)", css: "legacy-dynamodb", ms: (n) => 50 * 2 ** (n - 1) },
    { name: "legacy, others: up to 2^(n-1) s", css: "legacy-other", ms: (n) => 1000 * 2 ** (n - 1) },
    { name: "standard, adaptive: up to min(2^(n-1), 20) s", css: "standard", ms: (n) => 1000 * Math.min(2 ** (n - 1), 20) },
  ];

  // The attempts histogram {"1": 27, "2": 4} as bars.
  function attemptsChart(histogram, title) {
    const entries = Object.entries(histogram).map(([n, count]) => [Number(n), count]).sort((a, b) => a[0] - b[0]);
    const width = 220;
    const height = 110;
    const most = Math.max(1, ...entries.map((e) => e[1]));
    const slots = Math.max(4, ...entries.map((e) => e[0]));
    const slot = (width - 20) / slots;
    const children = [svg("line", { class: "axis", x1: 10, y1: height - 15, x2: width - 10, y2: height - 15 })];
    for (let n = 1; n <= slots; n++) {
      children.push(svg("text", { x: 10 + (n - 0.5) * slot - 3, y: height - 3, text: n }));
    }
    for (const [n, count] of entries) {
      const h = (count / most) * (height - 35);
      const x = 10 + (n - 1) * slot + 2;
      children.push(svg("rect", { class: "bar", x: x, y: height - 15 - h, width: slot - 4, height: h, data: { attempts: n, count: count } }));
      children.push(svg("text", { x: x, y: height - 18 - h, text: count }));
    }
    return el("div", { class: "chart" }, [el("div", { text: title }), svg("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height }, children)]);
  }

  // Waits after attempt n (p50 dots, p90 rings) against the schedules, on a log scale from 10 ms to 60 s.
  function waitsChart(waits) {
    const width = 460;
    const height = 170;
    const left = 48;
    const plotRight = 280;
    const top = 10;
    const bottom = height - 20;
    const maxAttempt = Math.max(5, ...waits.map((w) => w.after_attempt));
    const [low, high] = [Math.log10(10), Math.log10(60000)];
    const x = (n) => left + ((n - 1) * (plotRight - left)) / (maxAttempt - 1);
    const y = (ms) => bottom - ((Math.log10(Math.max(10, Math.min(60000, ms))) - low) / (high - low)) * (bottom - top);
    const children = [
      svg("line", { class: "axis", x1: left, y1: bottom, x2: plotRight, y2: bottom }),
      svg("line", { class: "axis", x1: left, y1: top, x2: left, y2: bottom }),
    ];
    for (const [ms, label] of [[10, "10 ms"], [100, "100 ms"], [1000, "1 s"], [10000, "10 s"]]) {
      children.push(svg("line", { class: "axis", x1: left - 3, y1: y(ms), x2: plotRight, y2: y(ms) }));
      children.push(svg("text", { x: 2, y: y(ms) + 3, text: label }));
    }
    for (let n = 1; n <= maxAttempt; n++) children.push(svg("text", { x: x(n) - 3, y: height - 6, text: n }));
    SCHEDULES.forEach((s, i) => {
      const points = [];
      for (let n = 1; n <= maxAttempt; n++) points.push(x(n).toFixed(1) + "," + y(s.ms(n)).toFixed(1));
      children.push(svg("polyline", { class: "curve " + s.css, points: points.join(" ") }));
      const ly = top + 8 + i * 16;
      children.push(svg("line", { class: "curve legend-swatch " + s.css, x1: plotRight + 10, y1: ly - 3, x2: plotRight + 28, y2: ly - 3 }));
      children.push(svg("text", { x: plotRight + 32, y: ly, text: s.name.split(": ")[0] }));
    });
    const legendY = top + 8 + SCHEDULES.length * 16;
    children.push(svg("circle", { class: "p50", cx: plotRight + 19, cy: legendY - 3, r: 3 }));
    children.push(svg("text", { x: plotRight + 32, y: legendY, text: "measured p50" }));
    children.push(svg("circle", { class: "p90", cx: plotRight + 19, cy: legendY + 13, r: 4 }));
    children.push(svg("text", { x: plotRight + 32, y: legendY + 16, text: "measured p90" }));
    for (const w of waits) {
      children.push(svg("circle", { class: "p50", cx: x(w.after_attempt), cy: y(w.p50_ms), r: 3 }, [svg("title", { text: "after attempt " + w.after_attempt + ": p50 " + fmt(w.p50_ms, 1) + " ms (n=" + w.count + ")" })]));
      children.push(svg("circle", { class: "p90", cx: x(w.after_attempt), cy: y(w.p90_ms), r: 4 }, [svg("title", { text: "after attempt " + w.after_attempt + ": p90 " + fmt(w.p90_ms, 1) + " ms" })]));
    }
    return el("div", { class: "chart" }, [
      el("div", { text: "wait after attempt n, against botocore's backoff" }),
      svg("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height }, children),
    ]);
  }

  function histogramText(histogram) {
    const parts = Object.entries(histogram).map(([n, count]) => n + "=" + count);
    return parts.length ? parts.join("  ") : "–";
  }

  function card(c) {
    const fact = (label, value, key) => el("span", { data: { fact: key } }, [label + " ", el("b", { text: String(value) })]);
    const waits = c.waits.map((w) => "after " + w.after_attempt + ": p50 " + fmt(w.p50_ms, 1) + " ms, p90 " + fmt(w.p90_ms, 1) + " ms (n=" + w.count + ")");
    return el("div", { class: "card", data: { "access-key": c.access_key, internal: c.internal } }, [
      el("h3", { class: "user-agent", text: c.user_agent || "(no user agent)" }),
      el("div", {}, [
        el("span", { class: "badge", text: c.access_key || "(no access key)" }),
        el("span", { class: "badge", text: "mode " + (c.retry_mode || "unknown") }),
        c.internal ? el("span", { class: "badge internal", text: "internal" }) : null,
      ]),
      el("div", { class: "facts" }, [
        fact("invocations", c.invocations, "invocations"),
        fact("requests", c.requests, "requests"),
        fact("amplification", fmt(c.amplification, 2), "amplification"),
        fact("retried", c.retried_invocations, "retried"),
        fact("throttled", c.throttled_requests, "throttled"),
        fact("gave up throttled", c.gave_up_throttled, "gave-up"),
        fact("fault requests", c.fault_requests, "fault-requests"),
        fact("server errors", c.server_error_requests, "server-errors"),
        fact("without invocation id", c.requests_without_invocation_id, "untracked"),
        fact("logical calls", c.logical_calls, "logical-calls"),
        fact("retried by the application", c.application_retried_calls, "application-retried"),
        fact("SDK calls per logical call", histogramText(c.application_attempts), "application-attempts"),
      ]),
      el("div", { class: "charts" }, [attemptsChart(c.attempts, "attempts per invocation"), waitsChart(c.waits)]),
      el("div", { class: "hint", text: "backoff: " + c.jitter.verdict + (c.jitter.summary ? " (" + c.jitter.summary + ")" : "") }),
      waits.length ? el("div", { class: "hint", text: waits.join("; ") }) : null,
    ]);
  }

  Chokepoint.views.clients = {
    async refresh(active) {
      if (!active) return;
      const report = await getJson("/_chokepoint/report");
      const list = document.getElementById("clients-list");
      if (!report.clients.length) {
        setChildren(list, [el("p", { class: "empty", text: "no client yet" })]);
        return;
      }
      setChildren(list, [el("div", { class: "cards" }, report.clients.map(card)),
        el("p", { class: "hint", text: "tracked invocations " + report.tracked_invocations + " of " + report.max_invocations +
          "; a failed call not retried within " + report.give_up_after_seconds + " s has given up" })]);
    },
  };
})();
