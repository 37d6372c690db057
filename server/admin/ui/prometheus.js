// A reader of the Prometheus text exposition format (what GET /_chokepoint/metrics answers): samples as
// {name, labels, value}. Comments (# HELP, # TYPE) are skipped.
"use strict";

Chokepoint.parsePrometheus = function (text) {
  const samples = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const sample = parseSampleLine(line);
    if (sample) samples.push(sample);
  }
  return samples;

  // name{a="x",b="y"} value [timestamp]
  function parseSampleLine(line) {
    const brace = line.indexOf("{");
    const space = line.indexOf(" ");
    const labels = {};
    let rest;
    let name;
    if (brace !== -1 && (space === -1 || brace < space)) {
      name = line.slice(0, brace);
      const end = parseLabels(line, brace + 1, labels);
      if (end < 0) return null;
      rest = line.slice(end + 1);
    } else {
      name = line.slice(0, space);
      rest = line.slice(space);
    }
    const value = Number(rest.trim().split(/\s+/)[0]);
    return { name: name, labels: labels, value: value };
  }

  // Reads label="value" pairs from `at` to the closing brace; returns the brace's position (-1 if malformed).
  function parseLabels(line, at, labels) {
    let i = at;
    while (i < line.length) {
      if (line[i] === "}") return i;
      if (line[i] === ",") { i++; continue; }
      const eq = line.indexOf("=", i);
      if (eq < 0 || line[eq + 1] !== '"') return -1;
      const key = line.slice(i, eq).trim();
      let value = "";
      let j = eq + 2;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === "\\" && j + 1 < line.length) {
          j++;
          value += line[j] === "n" ? "\n" : line[j];
        } else {
          value += line[j];
        }
      }
      labels[key] = value;
      i = j + 1;
    }
    return -1;
  }
};
