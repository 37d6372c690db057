// Shared helpers of the dashboard's views: building DOM and SVG nodes, and talking to the control API.
//
// Every value that comes from the server (table names, user agents, fault messages) goes into the page as text
// (textContent) or as an attribute value (setAttribute), never as markup, so that a user agent such as
// "<img src=x onerror=alert(1)>" is shown as those characters and cannot run.
"use strict";

window.Chokepoint = (function () {
  const SVG_NS = "http://www.w3.org/2000/svg";

  // An HTML element. `props`: "class", "text" (its text content), "data" (data-* attributes), any other key is
  // an attribute. `children`: nodes or strings (strings become text nodes).
  function el(tag, props, children) {
    return fill(document.createElement(tag), props, children);
  }

  // An SVG element, same arguments.
  function svg(tag, props, children) {
    return fill(document.createElementNS(SVG_NS, tag), props, children);
  }

  function fill(node, props, children) {
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null) continue;
      if (key === "text") node.textContent = String(value);
      else if (key === "data") for (const [k, v] of Object.entries(value)) node.setAttribute("data-" + k, String(v));
      else node.setAttribute(key, String(value));
    }
    for (const child of children || []) {
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  // Replaces every child of `node`.
  function setChildren(node, children) {
    node.replaceChildren(...children.filter((c) => c !== null && c !== undefined));
  }

  // A number for a table cell: integers as they are, others with `digits` decimals; "–" for none.
  function fmt(value, digits) {
    if (value === undefined || value === null || Number.isNaN(value)) return "–";
    if (Number.isInteger(value)) return String(value);
    return value.toFixed(digits === undefined ? 2 : digits);
  }

  // The control API answers errors as {"error": "..."}; surface that message.
  async function failure(response) {
    let message = response.status + " " + response.statusText;
    try {
      const body = await response.json();
      if (body && body.error) message = body.error;
    } catch (ignored) {
      // not JSON: keep the status line
    }
    return new Error(message);
  }

  // With admin.token set, the page asks for the token once (the form in the header) and keeps it for this tab
  // only (sessionStorage), sending it as a Bearer header with each request for data; it never goes in a URL.
  const TOKEN_KEY = "chokepoint-admin-token";

  function useToken(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    document.getElementById("token-form").hidden = true;
  }

  async function request(method, path, body) {
    const options = { method: method, cache: "no-store", credentials: "same-origin", headers: {} };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) options.headers["Authorization"] = "Bearer " + token;
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(path, options);
    if (response.status === 401) document.getElementById("token-form").hidden = false;
    if (!response.ok) throw await failure(response);
    return response;
  }

  async function getJson(path) {
    return (await request("GET", path)).json();
  }

  async function getText(path) {
    return (await request("GET", path)).text();
  }

  async function sendJson(method, path, body) {
    const text = await (await request(method, path, body)).text();
    return text ? JSON.parse(text) : null;
  }

  // A bounded history of numbers per key (the sparklines' last samples).
  class History {
    constructor(limit) {
      this.limit = limit;
      this.series = new Map();
    }
    push(key, value) {
      let list = this.series.get(key);
      if (!list) this.series.set(key, (list = []));
      list.push(value);
      if (list.length > this.limit) list.splice(0, list.length - this.limit);
      return list;
    }
  }

  return {
    el: el,
    svg: svg,
    setChildren: setChildren,
    fmt: fmt,
    getJson: getJson,
    getText: getText,
    sendJson: sendJson,
    useToken: useToken,
    History: History,
    views: {},  // name -> {init(), refresh()}; each view_*.js adds itself
  };
})();
