// "DynamoDB table": pick a table (from GET /_chokepoint/dynamodb/tables); its partitions, and those of each global
// index, as a heat map of the last minute (a row per partition, a column per second, coloured by consumed
// capacity against the partition's share, outlined in red where requests were throttled), with each partition's
// burst left and throttle count; and the table's consumption per second against its provisioned capacity.
"use strict";

(function () {
  const { el, svg, setChildren, fmt, getJson } = Chokepoint;
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

  // The partition that consumed most over the last minute (none when nothing was consumed).
  function hottest(partitions, dir) {
    let best = null;
    for (const p of partitions) {
      const consumed = p.consumed_last_minute[dir] + p.throttled_last_minute[dir];
      if (consumed > 0 && (best === null || consumed > best.score)) best = { index: p.index, score: consumed };
    }
    return best === null ? null : best.index;
  }

  function heatmap(resource, dir) {
    const partitions = resource.partitions;
    const cell = 12;
    const label = 170;
    const seconds = partitions.length ? partitions[0].consumed_per_second[dir].length : 60;
    const right = 230;
    const width = label + seconds * cell + right;
    const height = 18 + partitions.length * (cell + 4);
    const hot = hottest(partitions, dir);
    const rows = partitions.map((p, row) => {
      const y = 16 + row * (cell + 4);
      const share = p.share[dir];
      const isHot = p.index === hot;
      const cells = p.consumed_per_second[dir].map((consumed, second) => {
        const throttled = p.throttled_per_second[dir][second];
        return svg("rect", {
          class: "cell" + (throttled > 0 ? " throttled" : ""),
          x: label + second * cell, y: y, width: cell, height: cell,
          fill: heat(share > 0 ? consumed / share : (consumed > 0 ? 1 : 0)),
        }, [svg("title", { text: (seconds - second) + " s ago: " + fmt(consumed, 1) + " consumed, " + throttled + " throttled" })]);
      });
      const burst = p.burst_level ? p.burst_level[dir] : null;
      const facts = "burst left " + fmt(burst, 0) + "  throttled " + p.throttled[dir] +
        "  peak " + fmt(p.peak_per_second[dir], 1) + "/s of " + fmt(share, 1);
      return svg("g", {
        class: "partition" + (isHot ? " hot" : ""),
        data: { partition: p.index, consumed: p.consumed_last_minute[dir], throttled: p.throttled[dir], hot: isHot ? "true" : "false" },
      }, [
        svg("text", { class: isHot ? "hot" : null, x: 0, y: y + cell - 1, text: "p" + p.index + " " + p.key_range.first + "–" + p.key_range.last + (isHot ? " hot" : "") }),
        ...cells,
        svg("text", { x: label + seconds * cell + 8, y: y + cell - 1, text: facts }),
      ]);
    });
    const axis = [
      svg("text", { x: label, y: 10, text: seconds + " s ago" }),
      svg("text", { x: label + seconds * cell - 20, y: 10, text: "now" }),
    ];
    const title = resource.index_name ? "index " + resource.index_name : "table";
    return el("div", { class: "heatmap", data: { resource: resource.index_name || "" } }, [
      el("h2", { text: title + ": " + partitions.length + " partition" + (partitions.length === 1 ? "" : "s") }),
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
    if (!active) return;
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
    const dir = direction();
    setChildren(summaryBox, [summary(view, dir), consumptionChart(view.capacity.table, dir)]);
    setChildren(maps, [view.capacity.table, ...view.capacity.global_secondary_indexes].map((r) => heatmap(r, dir)));
  }

  Chokepoint.views.dynamodb = {
    init(tick) {
      select().addEventListener("change", tick);
      document.getElementById("dynamodb-direction").addEventListener("change", tick);
    },
    refresh: refresh,
  };
})();
