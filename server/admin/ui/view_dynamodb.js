// "DynamoDB table": pick a table (from GET /_chokepoint/dynamodb/tables); its partitions, and those of each global
// index, as a heat map of the last minutes (a row per partition, a column per second, coloured by consumed
// capacity against the partition's share, outlined in red where requests were throttled), with each partition's
// burst left and throttle count; and the table's consumption per second against its provisioned capacity.
// The server keeps a minute of per-second history; the page lines successive answers up by their "now" and keeps
// HISTORY_SECONDS of it for as long as it is open (it polls in the background too).
"use strict";

(function () {
  const { el, svg, setChildren, fmt, getJson } = Chokepoint;
  const HISTORY_SECONDS = 180;
  const seen = new Map();  // table, resource, partition, direction -> Map(emulated second -> {consumed, throttled})
  const select = () => document.getElementById("dynamodb-table");
  const direction = () => document.getElementById("dynamodb-direction").value;
  let listed = "";  // the option values last put in the picker, to rebuild it only when the tables change

  function tableValue(t) {
    return JSON.stringify([t.account, t.region, t.table]);
  }

  function updatePicker(tables) {
    const values = tables.map(tableValue);
    if (values.join("\n") === listed) return;
    listed = values.join("\n");
    const picker = select();
    const keep = picker.value;
    setChildren(picker, tables.map((t) => el("option", { value: tableValue(t), text: t.table + "  (" + t.account + ", " + t.region + ")" })));
    if (values.includes(keep)) picker.value = keep;
  }

  // White (nothing consumed) through amber (half the share) to red (the share or more).
  function heat(ratio) {
    const r = Math.max(0, Math.min(1, ratio));
    const mix = (a, b, t) => Math.round(a + (b - a) * t);
    const [from, to, t] = r < 0.5 ? [[243, 244, 246], [251, 191, 36], r * 2] : [[251, 191, 36], [220, 38, 38], (r - 0.5) * 2];
    return "rgb(" + mix(from[0], to[0], t) + "," + mix(from[1], to[1], t) + "," + mix(from[2], to[2], t) + ")";
  }

  // Merges one answer's per-second series into the history; newer answers win for the seconds they cover.
  function remember(key, lastSecond, consumed, throttled) {
    let series = seen.get(key);
    if (!series) seen.set(key, (series = new Map()));
    const first = lastSecond - consumed.length + 1;
    consumed.forEach((value, i) => series.set(first + i, { consumed: value, throttled: throttled[i] }));
    for (const second of series.keys()) if (second <= lastSecond - HISTORY_SECONDS) series.delete(second);
  }

  function historyKey(path, resource, partition, dir) {
    return [path, resource.index_name || "", partition.index, dir].join("\u0000");
  }

  function rememberView(path, view, lastSecond) {
    for (const resource of [view.capacity.table, ...view.capacity.global_secondary_indexes]) {
      for (const p of resource.partitions) {
        for (const dir of ["read", "write"]) {
          remember(historyKey(path, resource, p, dir), lastSecond, p.consumed_per_second[dir], p.throttled_per_second[dir]);
        }
      }
    }
  }

  // The partition that consumed most over the last minute (none when nothing was consumed).
  function hottest(partitions, dir) {
    let best = null;
    for (const p of partitions) {
      const consumed = p.consumed_last_minute[dir] + p.throttled_last_minute[dir];
      if (consumed > 0 && (best === null || consumed > best.score)) best = { index: p.index, score: consumed };
    }
    return best === null ? null : best.index;
  }

  function heatmap(path, resource, dir, lastSecond) {
    const partitions = resource.partitions;
    const cell = 4;
    const cellHeight = 12;
    const label = 170;
    const seconds = HISTORY_SECONDS;
    const right = 240;
    const width = label + seconds * cell + right;
    const height = 18 + partitions.length * (cellHeight + 4);
    const hot = hottest(partitions, dir);
    const rows = partitions.map((p, row) => {
      const y = 16 + row * (cellHeight + 4);
      const share = p.share[dir];
      const isHot = p.index === hot;
      const series = seen.get(historyKey(path, resource, p, dir)) || new Map();
      const cells = [];
      for (let column = 0; column < seconds; column++) {
        const second = lastSecond - seconds + 1 + column;
        const at = { x: label + column * cell, y: y, width: cell, height: cellHeight };
        const entry = series.get(second);
        if (!entry) {
          cells.push(svg("rect", { class: "cell nodata", ...at }));
          continue;
        }
        cells.push(svg("rect", {
          class: "cell" + (entry.throttled > 0 ? " throttled" : ""),
          ...at,
          fill: heat(share > 0 ? entry.consumed / share : (entry.consumed > 0 ? 1 : 0)),
        }, [svg("title", { text: (lastSecond - second) + " s ago: " + fmt(entry.consumed, 1) + " consumed, " + entry.throttled + " throttled" })]));
      }
      const burst = p.burst_level ? p.burst_level[dir] : null;
      const facts = "burst left " + fmt(burst, 0) + "  throttled " + p.throttled[dir] +
        "  peak " + fmt(p.peak_per_second[dir], 1) + "/s of " + fmt(share, 1);
      return svg("g", {
        class: "partition" + (isHot ? " hot" : ""),
        data: { partition: p.index, consumed: p.consumed_last_minute[dir], throttled: p.throttled[dir], hot: isHot ? "true" : "false" },
      }, [
        svg("text", { class: isHot ? "hot" : null, x: 0, y: y + cellHeight - 2, text: "p" + p.index + " " + p.key_range.first + "–" + p.key_range.last + (isHot ? " hot" : "") }),
        ...cells,
        svg("text", { x: label + seconds * cell + 8, y: y + cellHeight - 2, text: facts }),
      ]);
    });
    const axis = [];
    for (let minutesAgo = seconds / 60; minutesAgo >= 0; minutesAgo--) {
      const x = label + (seconds - minutesAgo * 60) * cell - (minutesAgo === 0 ? 20 : 0);
      axis.push(svg("text", { x: x, y: 10, text: minutesAgo === 0 ? "now" : minutesAgo + " min ago" }));
    }
    const title = resource.index_name ? "index " + resource.index_name : "table";
    return el("div", { class: "heatmap", data: { resource: resource.index_name || "" } }, [
      el("h2", { text: title + ": " + partitions.length + " partition" + (partitions.length === 1 ? "" : "s") +
        ", the hottest over the last minute marked" }),
      svg("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height }, [...axis, ...rows]),
    ]);
  }

  // The table's consumption per second over the last minute (all partitions) against its provisioned rate.
  function consumptionChart(resource, dir) {
    const partitions = resource.partitions;
    if (!partitions.length) return null;
    const seconds = partitions[0].consumed_per_second[dir].length;
    const total = new Array(seconds).fill(0);
    for (const p of partitions) p.consumed_per_second[dir].forEach((v, i) => (total[i] += v));
    const provisioned = resource[dir].provisioned_units;
    const top = Math.max(1, provisioned || 0, ...total) * 1.1;
    const width = 540;
    const height = 90;
    const x = (i) => 40 + (i * (width - 50)) / Math.max(1, seconds - 1);
    const y = (v) => height - 15 - (v / top) * (height - 25);
    const children = [
      svg("line", { class: "axis", x1: 40, y1: y(0), x2: width - 10, y2: y(0) }),
      svg("text", { x: 0, y: y(top / 1.1) + 4, text: fmt(top / 1.1, 0) }),
      svg("text", { x: 0, y: y(0) + 4, text: "0" }),
      svg("polyline", { class: "curve consumed", points: total.map((v, i) => x(i).toFixed(1) + "," + y(v).toFixed(1)).join(" ") }),
    ];
    if (provisioned !== undefined) {
      children.push(svg("line", { class: "curve provisioned", x1: 40, y1: y(provisioned), x2: width - 10, y2: y(provisioned) }));
      children.push(svg("text", { x: width - 150, y: y(provisioned) - 3, text: "provisioned " + fmt(provisioned) + "/s" }));
    }
    return el("div", { class: "chart" }, [
      el("h2", { text: "Consumed " + dir + " units per second, last minute" }),
      svg("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height }, children),
    ]);
  }

  function summary(view, dir) {
    const table = view.capacity.table;
    const d = table[dir];
    const facts = [
      ["status", view.table_status],
      ["billing", view.capacity.billing_mode],
      ["items", view.item_count],
      ["consumed last minute", fmt(d.consumed_last_minute, 1) + " (" + fmt(d.consumed_last_minute / 60, 2) + "/s)"],
    ];
    if (d.provisioned_units !== undefined) {
      facts.push(["provisioned", fmt(d.provisioned_units) + "/s"]);
      facts.push(["burst left", fmt(d.burst_level, 0) + " of " + fmt(d.burst_capacity, 0)]);
    } else {
      facts.push(["previous peak", fmt(d.previous_peak, 0)]);
      facts.push(["available at once", fmt(d.instant_available, 0) + " of " + fmt(d.instant_units, 0)]);
    }
    facts.push(["throttled requests", view.capacity.throttled_requests]);
    facts.push(["partitions", table.partition_count]);
    return el("div", { class: "summary" }, facts.map(([k, v]) => el("div", {}, [k, el("b", { text: String(v) })])));
  }

  async function refresh(active) {
    const list = await getJson("/_chokepoint/dynamodb/tables");
    updatePicker(list.tables);
    const summaryBox = document.getElementById("dynamodb-summary");
    const maps = document.getElementById("dynamodb-heatmaps");
    if (!list.tables.length) {
      setChildren(summaryBox, [el("p", { class: "empty", text: "no DynamoDB table yet" })]);
      setChildren(maps, []);
      return;
    }
    const [account, region, name] = JSON.parse(select().value);
    const path = [account, region, name].map(encodeURIComponent).join("/");
    let view;
    try {
      view = await getJson("/_chokepoint/dynamodb/tables/" + path);
    } catch (error) {
      setChildren(summaryBox, [el("p", { class: "empty", text: error.message })]);
      setChildren(maps, []);
      return;
    }
    const lastSecond = Math.floor(Date.parse(view.now) / 1000);
    rememberView(path, view, lastSecond);
    if (!active) return;
    const dir = direction();
    setChildren(summaryBox, [summary(view, dir), consumptionChart(view.capacity.table, dir)]);
    setChildren(maps, [view.capacity.table, ...view.capacity.global_secondary_indexes].map((r) => heatmap(path, r, dir, lastSecond)));
  }

  Chokepoint.views.dynamodb = {
    alwaysRefresh: true,
    init(tick) {
      select().addEventListener("change", tick);
      document.getElementById("dynamodb-direction").addEventListener("change", tick);
    },
    refresh: refresh,
  };
})();
