// casus in the browser: a hash router over four pages (scenario, compare, treaties,
// backtest). Every page reads the JSON API of this server (/api/openapi.yaml); the URL hash
// holds the page and its parameters, so any view can be shared as a link.
// No framework, no build step: DOM built with `h()`, text always set as text (never HTML).
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const STRENGTHS = ["automatic", "as-it-deems-necessary", "consult", "assurance"];
// Category → [legend label, colour]; the colours repeat style.css (SVG attributes need literal colours).
const LEGEND = [
  ["target", "target", "#e66101"], ["attacker", "attacker", "#b2182b"], ["attacker-ally", "joins the attacker", "#ef8a62"],
  ["automatic", "automatic assistance", "#08306b"], ["as-it-deems-necessary", "as it deems necessary", "#2f73b6"],
  ["consult", "consult", "#7fb2dd"], ["assurance", "assurance only", "#c9dcef"],
  ["undetermined", "undetermined", "#f2c14e"], ["side-b", "joins the defence (cascade)", "#5aae61"],
];
const COLOUR = Object.fromEntries(LEGEND.map(([k, , c]) => [k, c]));
const PLACES = ["territory", "occupied", "region:europe", "region:north-america", "region:central-america", "region:south-america",
  "region:north-atlantic", "region:middle-east", "region:africa", "region:asia", "region:pacific", "sea", "sea:north-atlantic", "forces-abroad"];
const SCENARIO_KEYS = ["attacker", "target", "date", "place", "incident", "spec", "only_specs", "response"];

// ---------- small helpers ----------
function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "text") el.textContent = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const k of kids.flat()) if (k !== null && k !== undefined && k !== false) el.append(k instanceof Node ? k : String(k));
  return el;
}
function s(tag, attrs, ...kids) {
  const el = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) el.setAttribute(k, v);
  for (const k of kids.flat()) if (k !== null && k !== undefined) el.append(k instanceof Node ? k : String(k));
  return el;
}
const view = () => document.getElementById("view");
const fmt = (x, d = 3) => (x === null || x === undefined ? "—" : Number(x).toFixed(d));
const esc = encodeURIComponent;

async function api(path, opts) {
  const r = await fetch(path, opts);
  const type = r.headers.get("content-type") || "";
  const body = type.includes("json") ? await r.json() : await r.text();
  if (!r.ok) {
    const err = new Error(body && body.error ? body.error : `HTTP ${r.status}`);
    err.body = body;
    err.status = r.status;
    throw err;
  }
  return { body, headers: r.headers };
}

function errorBox(e) {
  const box = h("div", { class: "error", role: "alert" }, h("strong", { text: e.message }));
  const list = (e.body && (e.body.spec_errors || e.body.errors)) || [];
  if (list.length) {
    box.append(h("ul", {}, list.map((x) => h("li", { text: `${x.file ? x.file + ":" : ""}${x.line}:${x.column}: ${x.key ? x.key + ": " : ""}${x.message}${x.hint ? " (hint: " + x.hint + ")" : ""}` }))));
  }
  return box;
}

// The hash: "#/page/arg?query".
function route() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query] = raw.split("?");
  const parts = (path || "scenario").split("/");
  return { page: parts[0] || "scenario", arg: parts.slice(1).map(decodeURIComponent).join("/"), params: new URLSearchParams(query || "") };
}
function go(page, params) {
  const q = params.toString();
  const next = `#/${page}${q ? "?" + q : ""}`;
  if (location.hash === next) render();
  else location.hash = next;
}

// ---------- shared data, loaded once ----------
const cache = {};
async function once(key, path) {
  if (!cache[key]) cache[key] = api(path).then((r) => r.body).catch((e) => { delete cache[key]; throw e; });
  return cache[key];
}
const states = () => once("states", "/api/states");
const library = () => once("library", "/api/treaties?origin=library");
const mapData = () => once("map", "/api/map");
const incidents = () => once("incidents", "/api/incidents");

// ---------- colouring: one category per state ----------
// The server sends each state's category with the invocation (`categories`: ccode → the
// target, an attacker, joins the attacker, a strength, undetermined, joins the defence); the
// HTML report colours its map by the same Rust code.
function categories(v) {
  return new Map(Object.entries(v.categories || {}).map(([cc, c]) => [Number(cc), c]));
}

// ---------- the map ----------
let tip;
function showTip(ev, text) {
  if (!tip) { tip = h("div", { class: "tip" }); document.body.append(tip); }
  tip.textContent = text;
  tip.style.display = "block";
  tip.style.left = ev.clientX + 12 + "px";
  tip.style.top = ev.clientY + 12 + "px";
}
function hideTip() { if (tip) tip.style.display = "none"; }

async function buildMap(cls) {
  const [m, st] = await Promise.all([mapData(), states()]);
  const abb = new Map(st.map((x) => [x.ccode, x]));
  const svg = s("svg", { class: "map " + (cls || ""), viewBox: `0 0 ${m.width} ${m.height}`, role: "img", "aria-label": "World map" });
  const g = s("g", {});
  const markers = s("g", {});
  for (const sh of m.shapes) {
    const info = sh.ccode !== null ? abb.get(sh.ccode) : null;
    const attrs = { class: "country", d: sh.d, "data-ccode": sh.ccode ?? "", "data-abb": info ? info.abb : "", "data-name": sh.name,
      "data-alt": sh.alt.map((a) => `${a.ccode}:${a.until}`).join(" ") };
    if (sh.territory) attrs["data-territory"] = "";
    g.append(s("path", attrs));
    if (sh.marker) markers.append(s("circle", { class: "marker", cx: sh.marker[0], cy: sh.marker[1], r: 2.6, "data-ccode": sh.ccode, "data-abb": info ? info.abb : "", "data-name": sh.name, "data-alt": attrs["data-alt"] }));
  }
  svg.append(g, markers);
  svg.addEventListener("mousemove", (ev) => {
    const t = ev.target;
    if (!t.dataset || !t.dataset.name) return hideTip();
    showTip(ev, `${t.dataset.name}${t.dataset.abb ? " (" + t.dataset.abb + ")" : ""}${t.dataset.strength ? " — " + t.dataset.strength : ""}`);
  });
  svg.addEventListener("mouseleave", hideTip);
  return svg;
}

// Colours the map: each path takes the category of its state (or of the earlier state it
// stood for in that year, e.g. Germany for West Germany before 1991).
function paint(svg, cat, year) {
  for (const el of svg.querySelectorAll("[data-ccode]")) {
    let c = cat.get(Number(el.dataset.ccode));
    if (!c && el.dataset.alt) {
      for (const a of el.dataset.alt.split(" ")) {
        const [cc, until] = a.split(":").map(Number);
        if (year <= until && cat.has(cc)) { c = cat.get(cc); break; }
      }
    }
    if (c && el.dataset.ccode !== "") el.setAttribute("data-strength", c);
    else el.removeAttribute("data-strength");
  }
}

function legend(only) {
  return h("div", { class: "legend" }, LEGEND.filter(([k]) => !only || only.has(k)).map(([k, label]) => h("span", { "data-legend": k, text: label })));
}

// ---------- the alliance network: treaties inside, states outside ----------
function network(v) {
  const live = v.obligations.filter((o) => o.status === "triggered" || o.status === "undetermined");
  const treaties = [...new Map(live.map((o) => [o.treaty.id, o.treaty])).values()];
  const st = new Map();
  const add = (x, role) => { if (!st.has(x.ccode)) st.set(x.ccode, { ...x, role }); };
  add(v.incident.target, "target");
  for (const a of v.incident.attackers) if (a.type === "state") add(a, "attacker");
  for (const o of live) { add(o.obligor, "obligor"); add(o.beneficiary, "beneficiary"); }
  const cat = categories(v);
  const W = 560, R = 240, r = Math.max(60, Math.min(150, treaties.length * 9)), cx = W / 2, cy = W / 2;
  const svg = s("svg", { class: "net", viewBox: `0 0 ${W} ${W}`, role: "img", "aria-label": "Alliance network" });
  const nodes = [...st.values()].sort((a, b) => (cat.get(a.ccode) || "").localeCompare(cat.get(b.ccode) || "") || a.abb.localeCompare(b.abb));
  const pos = new Map();
  nodes.forEach((n, i) => { const t = (2 * Math.PI * i) / nodes.length - Math.PI / 2; pos.set("s" + n.ccode, [cx + R * Math.cos(t), cy + R * Math.sin(t)]); });
  treaties.forEach((t, i) => { const a = (2 * Math.PI * i) / Math.max(1, treaties.length) - Math.PI / 2; pos.set("t" + t.id, treaties.length === 1 ? [cx, cy] : [cx + r * Math.cos(a), cy + r * Math.sin(a)]); });
  const edges = s("g", {});
  const seen = new Set();
  for (const o of live) {
    for (const [from, colour] of [["s" + o.obligor.ccode, o.status === "triggered" ? COLOUR[o.strength] : COLOUR.undetermined], ["s" + o.beneficiary.ccode, "#9aa3ad"]]) {
      const key = from + "|" + o.treaty.id;
      if (seen.has(key)) continue;
      seen.add(key);
      const [x1, y1] = pos.get(from), [x2, y2] = pos.get("t" + o.treaty.id);
      edges.append(s("line", { x1, y1, x2, y2, stroke: colour, "stroke-width": 1.2 }));
    }
  }
  const [tx, ty] = pos.get("s" + v.incident.target.ccode);
  for (const a of v.incident.attackers) if (a.type === "state") {
    const [ax, ay] = pos.get("s" + a.ccode);
    edges.append(s("line", { x1: ax, y1: ay, x2: tx, y2: ty, stroke: COLOUR.attacker, "stroke-width": 2.5, "stroke-dasharray": "5 3", "stroke-opacity": 0.9 }));
  }
  svg.append(edges);
  for (const t of treaties) {
    const [x, y] = pos.get("t" + t.id);
    svg.append(s("g", { class: "treaty", "data-treaty": t.id }, s("title", {}, t.name), s("rect", { x: x - 4, y: y - 4, width: 8, height: 8 }), s("text", { x: x + 6, y: y + 3 }, t.id)));
  }
  for (const n of nodes) {
    const [x, y] = pos.get("s" + n.ccode);
    const c = cat.get(n.ccode);
    const out = x >= cx;
    svg.append(s("g", { class: "state", "data-ccode": n.ccode }, s("title", {}, n.name),
      s("circle", { cx: x, cy: y, r: 5.5, "data-strength": c || null, fill: c ? COLOUR[c] : "#e4e6ea", stroke: "#fff" }),
      s("text", { x: x + (out ? 8 : -8), y: y + 3, "text-anchor": out ? "start" : "end" }, n.abb)));
  }
  return svg;
}

// ---------- the capability balance ----------
function balance(v) {
  const a = v.balance.side_a, b = v.balance.side_b;
  const rows = [["CINC (share of world capability)", a.cinc, b.cinc, (x) => fmt(x, 3)],
    ["Military spending (US$ bn)", a.milex / 1e6, b.milex / 1e6, (x) => fmt(x, 1)],
    ["Military personnel (thousands)", a.milper, b.milper, (x) => fmt(x, 0)]];
  const W = 560, bar = 14, gap = 34, left = 8;
  const svg = s("svg", { class: "bars", viewBox: `0 0 ${W} ${rows.length * (2 * bar + gap) + 8}`, role: "img", "aria-label": "Capability balance" });
  rows.forEach(([label, x, y, f], i) => {
    const top = 8 + i * (2 * bar + gap), max = Math.max(x, y) || 1, span = W - 170;
    svg.append(s("text", { x: left, y: top + 2 }, label));
    [["attacker side", x, COLOUR.attacker], ["defence side", y, COLOUR["as-it-deems-necessary"]]].forEach(([who, val, colour], j) => {
      const yy = top + 6 + j * (bar + 2);
      svg.append(s("rect", { x: 100, y: yy, width: Math.max(1, (span * val) / max), height: bar, fill: colour, "data-side": j ? "b" : "a" }));
      svg.append(s("text", { x: left, y: yy + 11 }, who));
      svg.append(s("text", { x: 104 + (span * val) / max, y: yy + 11 }, f(val)));
    });
  });
  const top = (side) => [...side.states].filter((c) => c.cinc !== null).sort((p, q) => q.cinc - p.cinc).slice(0, 8).map((c) => `${c.state.abb} ${fmt(c.cinc, 3)}`).join(", ");
  return h("div", {}, svg, h("p", { class: "muted", text: `Attacker side: ${top(a) || "—"}. Defence side: ${top(b) || "—"}.` }), h("p", { class: "muted", text: v.balance.note }));
}

// ---------- the trace ----------
const MARK = { yes: "✓", no: "✗", unknown: "?" };
function traceTable(v) {
  const groups = [];
  for (const o of v.obligations) {
    const key = [o.status, o.kind, o.strength, o.treaty.id, o.article, o.beneficiary.ccode, o.trace.map((t) => t.result).join()].join("|");
    const last = groups[groups.length - 1];
    if (last && last.key === key) last.items.push(o); else groups.push({ key, items: [o] });
  }
  if (!groups.length) return h("p", { class: "muted", text: "No obligation arises." });
  return h("table", { class: "trace-table" },
    h("thead", {}, h("tr", {}, ["status", "obligors", "beneficiary", "kind", "strength", "treaty", "article", "trace"].map((x) => h("th", { text: x })))),
    h("tbody", {}, groups.map((g) => {
      const o = g.items[0];
      return h("tr", { "data-status": o.status },
        h("td", {}, h("span", { class: "pill " + o.status, text: o.status })),
        h("td", { text: g.items.map((x) => x.obligor.abb).join(" ") }),
        h("td", { text: o.beneficiary.abb }), h("td", { text: o.kind }), h("td", { text: o.strength }),
        h("td", {}, h("a", { href: `#/treaty/${esc(o.treaty.id)}`, title: o.treaty.name, text: o.treaty.id })),
        h("td", { text: o.article }),
        h("td", {}, h("details", {}, h("summary", { text: `${o.trace.length} checks${g.items.length > 1 ? " (for " + o.obligor.abb + "; the others alike)" : ""}` }),
          h("ul", { class: "trace" }, o.trace.map((t) => h("li", {}, h("span", { class: "mark-" + t.result, text: MARK[t.result] + " " }), h("code", { text: t.check }), " ", t.detail))))));
    })));
}

function rounds(v) {
  const list = (js) => js.map((j) => `${j.state.abb} (${j.treaty} Art. ${j.article} → ${j.toward.abb})`).join(", ");
  const items = [];
  for (const r of v.rounds) {
    if (r.side_b.length) items.push(h("li", { text: `Round ${r.round}: joins the defence: ${list(r.side_b)}` }));
    if (r.side_a.length) items.push(h("li", { text: `Round ${r.round}: joins the attacker: ${list(r.side_a)}` }));
    if (r.may_join_b.length) items.push(h("li", { text: `Round ${r.round}: may join the defence (undetermined): ${list(r.may_join_b)}` }));
    if (r.may_join_a.length) items.push(h("li", { text: `Round ${r.round}: may join the attacker (undetermined): ${list(r.may_join_a)}` }));
    if (r.cross_pressured.length) items.push(h("li", { text: `Round ${r.round}: obliged to both sides, joins neither: ${r.cross_pressured.map((x) => x.abb).join(", ")}` }));
  }
  for (const a of v.accessions) {
    items.push(h("li", { text: `Accession of ${a.candidate.abb} to ${a.treaty} (Art. ${a.article}): ${a.admitted ? "admitted" : "BLOCKED — objecting: " + (a.objecting.map((x) => x.abb).join(", ") || "none") + "; undecided: " + (a.undecided.map((x) => x.abb).join(", ") || "none")}` }));
  }
  return items.length ? h("ul", {}, items) : h("p", { class: "muted", text: "No state is obliged to join either side." });
}

// ---------- the scenario form (shared by scenario and compare) ----------
async function scenarioForm(params, opts) {
  const [st, lib, inc] = await Promise.all([states(), library(), incidents()]);
  const dl = h("datalist", { id: "states-list" }, st.map((x) => h("option", { value: x.abb, label: x.name })));
  const field = (name, label, value, extra) => h("label", {}, label, h("input", { type: "text", name, id: "f-" + name, value: value || "", list: "states-list", autocomplete: "off", ...extra }));
  const chosen = new Set(params.getAll("spec").flatMap((x) => x.split(",")));
  const others = [...chosen].filter((x) => !lib.some((t) => t.id === x));
  const form = h("form", { class: "card", id: opts.id },
    h("div", { class: "scenario" },
      field("attacker", "Attacker(s), comma-separated", params.getAll("attacker").join(","), { placeholder: "RUS" }),
      field("target", "Target", params.get("target"), { placeholder: "UKR" }),
      h("label", {}, "Date", h("input", { type: "date", name: "date", id: "f-date", value: params.get("date") || "2025-09-01", min: "1816-01-01", max: "2999-12-31" })),
      h("label", {}, "Place", h("select", { name: "place", id: "f-place" }, PLACES.map((p) => h("option", { value: p, selected: (params.get("place") || "territory") === p, text: p })))),
      h("label", { title: "legal: aid to the victim is collective self-defence (UN Charter Art. 51) and sets off no pact of the aggressor; escalation: every entry sets off the other side's pacts (chain-gang worst case)" }, "Response reading", h("select", { name: "response", id: "f-response" }, ["legal", "escalation"].map((r) => h("option", { value: r, selected: (params.get("response") || "legal") === r, text: r })))),
      h("label", {}, "or a library incident", h("select", { name: "incident", id: "f-incident" }, h("option", { value: "", text: "—" }), inc.map((i) => h("option", { value: i.id, selected: params.get("incident") === i.id, text: `${i.id}: ${i.description || ""}`.slice(0, 80) }))))),
    h("fieldset", {}, h("legend", { text: opts.specLegend }),
      h("div", { class: "specs" }, lib.map((t) => h("label", { title: t.name }, h("input", { type: "checkbox", name: "spec", value: t.id, id: "spec-" + t.id, checked: chosen.has(t.id) }), t.id))),
      h("div", { class: "row" }, h("label", {}, "More treaty ids (ATOP ids like 3180), comma-separated", h("input", { type: "text", name: "more", id: "f-more", value: others.join(",") })),
        opts.onlySpecs ? h("label", { class: "inline" }, h("input", { type: "checkbox", name: "only_specs", id: "f-only", checked: params.get("only_specs") === "true" }), "only these guarantees (not every treaty in force)") : null)),
    dl);
  return form;
}

function readForm(form) {
  const p = new URLSearchParams();
  const val = (n) => (form.elements[n] ? form.elements[n].value.trim() : "");
  const incident = val("incident");
  if (incident) p.set("incident", incident);
  else {
    val("attacker").split(",").map((x) => x.trim()).filter(Boolean).forEach((a) => p.append("attacker", a));
    if (val("target")) p.set("target", val("target"));
    if (val("date")) p.set("date", val("date"));
    if (val("place") && val("place") !== "territory") p.set("place", val("place"));
  }
  for (const c of form.querySelectorAll("input[name=spec]:checked")) p.append("spec", c.value);
  val("more").split(",").map((x) => x.trim()).filter(Boolean).forEach((x) => p.append("spec", x));
  if (form.elements.only_specs && form.elements.only_specs.checked) p.set("only_specs", "true");
  if (val("response") === "escalation") p.set("response", "escalation");
  return p;
}

function apiQuery(params) {
  const q = new URLSearchParams();
  for (const [k, v] of params) if (SCENARIO_KEYS.includes(k)) q.append(k, v);
  return q;
}

// ---------- page: scenario ----------
async function pageScenario(params) {
  const form = await scenarioForm(params, { id: "scenario-form", specLegend: "Guarantees to add (built-in specs; proposals are invoked only when chosen)", onlySpecs: true });
  const text = h("textarea", { id: "spec-text", name: "spec_text", spellcheck: "false", placeholder: "Paste a spec (TOML, see docs/spec.md) or load a file; it is checked with the same rules as spec files." });
  text.value = params.get("spec_text") || "";
  const checkOut = h("div", { id: "spec-check" });
  const file = h("input", { type: "file", accept: ".toml,text/plain", onchange: async (ev) => { const f = ev.target.files[0]; if (f) text.value = await f.text(); } });
  const check = h("button", { type: "button", class: "secondary", id: "check-spec", onclick: async () => {
    checkOut.replaceChildren();
    try {
      const r = await api("/api/spec/check", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ file: "browser.toml", text: text.value }) });
      checkOut.append(h("div", { class: "ok", text: `valid ${r.body.kind}: ${r.body.summary}` }));
    } catch (e) {
      const errs = (e.body && e.body.errors) || [];
      checkOut.append(h("div", { class: "error" }, h("strong", { text: errs.length ? `${errs.length} error(s)` : e.message }),
        h("ul", {}, errs.map((x) => h("li", {}, h("a", { href: "#", onclick: (ev) => { ev.preventDefault(); jump(text, x.line, x.column); }, text: `line ${x.line}, column ${x.column}` }), `: ${x.key ? x.key + ": " : ""}${x.message}${x.hint ? " (hint: " + x.hint + ")" : ""}`)))));
    }
  } });
  form.append(h("details", { open: text.value ? true : null }, h("summary", { text: "Your own guarantee (spec text)" }), text, h("div", { class: "row" }, file, check), checkOut));
  form.append(h("div", { class: "row" }, h("button", { type: "submit", id: "run", text: "Invoke" }), h("span", { class: "muted", text: "The address bar now holds this scenario: copy it to share." })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const p = readForm(form);
    if (text.value.trim()) p.set("spec_text", text.value);
    go("scenario", p);
  });
  const out = h("div", { id: "result" });
  view().replaceChildren(h("h1", { text: "Scenario: who must respond to an attack?" }), form, out);
  const q = apiQuery(params);
  if (!q.has("attacker") && !q.has("incident")) {
    out.append(h("p", { class: "muted" }, "Choose an attacker, a target, a date and the guarantees to add, then Invoke. Example: ",
      h("a", { href: "#/scenario?attacker=RUS&target=UKR&date=2025-09-01&spec=ukraine-b", text: "Russia attacks Ukraine under variant (b)" }), "."));
    return;
  }
  out.append(h("p", { class: "muted", text: "Invoking…" }));
  let v;
  try {
    if (params.get("spec_text")) {
      const body = { attackers: q.getAll("attacker"), target: q.get("target"), date: q.get("date"), place: q.get("place"), incident: q.get("incident"),
        specs: [...q.getAll("spec"), { file: "browser.toml", text: params.get("spec_text") }], only_specs: q.get("only_specs") === "true", response: q.get("response") || undefined, forecast: true };
      v = (await api("/api/invoke", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).body;
    } else {
      v = (await api("/api/invoke?" + q + "&forecast=true")).body;
    }
  } catch (e) {
    out.replaceChildren(errorBox(e));
    return;
  }
  await showInvocation(out, v, q);
}

function jump(textarea, line, column) {
  const lines = textarea.value.split("\n");
  let pos = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) pos += lines[i].length + 1;
  pos += Math.max(0, column - 1);
  textarea.focus();
  textarea.setSelectionRange(pos, pos + 1);
}

async function showInvocation(out, v, q) {
  const count = (st) => v.obligations.filter((o) => o.status === st).length;
  const inc = v.incident;
  const who = inc.attackers.map((a) => (a.type === "state" ? `${a.name} (${a.abb})` : `${a.name} (non-state)`)).join(" and ");
  const cat = categories(v);
  const map = await buildMap();
  paint(map, cat, Number(String(inc.date).slice(0, 4)));
  const used = new Set(cat.values());
  out.replaceChildren(
    h("div", { class: "card", id: "summary" },
      h("p", { class: "summary-line" }, h("strong", { text: `${who} attacks ${inc.target.name} (${inc.target.abb})` }), ` on ${inc.date}, place: ${inc.place}.`),
      inc.description ? h("p", { class: "muted", text: inc.description }) : null,
      h("p", { id: "counts", text: `${count("triggered")} obligations triggered, ${count("undetermined")} undetermined${count("breached") ? ", " + count("breached") + " breached by the attacker" : ""}; defence side after the cascade: ${v.sides.b.map((x) => x.abb).join(" ")}.` }),
      h("p", { class: "links" }, h("a", { href: "/api/report?" + q, id: "report-link", text: "HTML report (for email)" }), h("a", { href: "/api/invoke?" + q, text: "JSON" }))),
    h("div", { class: "card" }, h("h2", { text: "Who is obliged (map, coloured by the strongest obligation)" }), map, legend(used)),
    h("div", { class: "grid2" },
      h("div", { class: "card" }, h("h2", { text: "Alliance network of the treaties involved" }), network(v), legend(used)),
      h("div", { class: "card" }, h("h2", { text: "Capability balance after the cascade" }), balance(v))),
    h("div", { class: "card" }, h("h2", { text: "Response: \u201can attack on one is an attack on all\u201d" }), rounds(v)),
    h("div", { class: "card" }, h("h2", { text: "Obligations and their trace" }), traceTable(v)),
    ...(v.forecast ? [h("div", { class: "card", id: "forecast" }, h("h2", { text: "Forecast: who would fight, and the balance that follows" }), forecastView(v.forecast))] : []),
    v.notes.length ? h("div", { class: "card" }, h("h2", { text: "Notes" }), h("ul", {}, v.notes.map((n) => h("li", { text: n })))) : null,
  );
}

// ---------- the forecast (docs/forecast.md) ----------
function forecastView(f) {
  const pct = (p) => `${Math.round(100 * p)}%`;
  const rows = f.obligors.map((o) => h("tr", {},
    h("td", { text: o.state.abb }), h("td", { text: pct(o.p_fights) }),
    h("td", { text: `${o.treaty} art. ${o.article} (${o.kind}, ${o.status})` }),
    h("td", { text: o.drivers.map((d) => `${d.predictor} = ${Number.isInteger(d.value) ? d.value : d.value.toFixed(2)} ${d.push >= 0 ? "+" : ""}${d.push.toFixed(2)}`).join("; ") })));
  const who = f.obligors.length
    ? h("table", {}, h("thead", {}, h("tr", {}, ["obligor", "P(fights)", "pledge", "what drives it (log-odds vs the average case)"].map((t) => h("th", { text: t })))), h("tbody", {}, rows))
    : h("p", { class: "muted", text: `No state has a triggered or undetermined defence or offence pledge to ${f.target.abb}.` });
  const m = (label, x, scale, d) => h("tr", {}, h("td", { text: label }), h("td", { text: (x.attacker / scale).toFixed(d) }),
    h("td", { text: (x.mean / scale).toFixed(d) }), h("td", { text: `${(x.p05 / scale).toFixed(d)} – ${(x.p95 / scale).toFixed(d)}` }), h("td", { text: pct(x.p_outweighs) }));
  const bal = h("table", {}, h("thead", {}, h("tr", {}, ["measure", "attacker", "defence mean", "defence 5–95%", "P(defence outweighs)"].map((t) => h("th", { text: t })))),
    h("tbody", {}, m("CINC", f.balance.cinc, 1, 4), m("milex (US$ bn)", f.balance.milex, 1e6, 1), m("milper (thousands)", f.balance.milper, 1, 0)));
  const val = f.validation;
  return h("div", {}, who, bal,
    h("p", { class: "muted", text: `Expected coalition: ${f.expected_joiners.toFixed(2)} of ${f.obligors.length} obliged states. ${f.draws} draws, seed ${f.seed}; probabilities from: ${f.method}. Out of sample (one war left out at a time, ${val.cases} pledges in ${val.wars} wars): Brier ${val.model.brier.toFixed(3)} vs ${val.overall_share.brier.toFixed(3)} (overall share) and ${val.share_by_type.brier.toFixed(3)} (share by pledge type).` }),
    h("p", { class: "muted", text: f.data_note }));
}

// ---------- page: compare ----------
async function pageCompare(params) {
  if (!params.has("spec") && !params.has("attacker")) {
    params = new URLSearchParams("attacker=RUS&target=UKR&date=2025-09-01&spec=ukraine-a&spec=ukraine-b&spec=ukraine-c&spec=ukraine-d");
  }
  const form = await scenarioForm(params, { id: "compare-form", specLegend: "Two to four variants to compare", onlySpecs: false });
  form.append(h("div", { class: "row" }, h("button", { type: "submit", id: "run", text: "Compare" })));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); go("compare", readForm(form)); });
  const out = h("div", { id: "result" }, h("p", { class: "muted", text: "Comparing…" }));
  view().replaceChildren(h("h1", { text: "Compare guarantee designs" }), form, out);
  const q = apiQuery(params);
  const n = q.getAll("spec").length;
  if (n < 2 || n > 4) { out.replaceChildren(h("div", { class: "error", text: `Choose two to four variants (now ${n}).` })); return; }
  let c;
  try { c = (await api("/api/compare?" + q + "&forecast=true")).body; } catch (e) { out.replaceChildren(errorBox(e)); return; }
  const abbs = (xs) => xs.map((x) => x.abb).join(" ") || "—";
  const table = h("table", { id: "compare-table" },
    h("thead", {}, h("tr", {}, ["spec", "name", "obliged (triggered)", "undetermined", "strongest", "blocked by", "defence side", "CINC attacker : defence", "like NATO Art. 5"].map((x) => h("th", { text: x })))),
    h("tbody", {}, c.variants.map((v) => h("tr", { "data-spec": v.spec },
      h("td", {}, h("a", { href: `#/treaty/${esc(v.spec)}`, text: v.spec })), h("td", { text: v.name }), h("td", { text: abbs(v.triggered) }), h("td", { text: abbs(v.undetermined) }),
      h("td", { text: v.strongest || "—" }), h("td", { text: abbs(v.blocked_by) }), h("td", { text: abbs(v.side_b) }),
      h("td", { class: "num", text: `${fmt(v.cinc_a)} : ${fmt(v.cinc_b)}` }), h("td", { class: "num", text: Math.round(v.like_nato_art5.score * 100) + "%" })))));
  const feats = c.variants[0] ? c.variants[0].like_nato_art5.features.map((f) => f.feature) : [];
  const likeness = h("table", {}, h("thead", {}, h("tr", {}, h("th", { text: "spec" }), h("th", { text: "article" }), feats.map((f) => h("th", { text: f })))),
    h("tbody", {}, c.variants.map((v) => h("tr", {}, h("td", { text: v.spec }), h("td", { text: v.like_nato_art5.article || "—" }),
      v.like_nato_art5.features.map((f) => h("td", { title: "NATO Art. 5: " + f.reference }, h("span", { class: f.same ? "mark-yes" : "mark-no", text: f.same ? "✓ " : "✗ " }), f.this))))));
  const maps = h("div", { class: "minimaps" });
  for (const v of c.variants) {
    const m = await buildMap("mini");
    const cat = new Map();
    for (const x of v.undetermined) cat.set(x.ccode, "undetermined");
    for (const x of v.triggered) cat.set(x.ccode, v.strongest || "consult");
    const inv = v.invocation.incident;
    for (const a of inv.attackers) if (a.type === "state") cat.set(a.ccode, "attacker");
    cat.set(inv.target.ccode, "target");
    paint(m, cat, Number(String(inv.date).slice(0, 4)));
    maps.append(h("div", { "data-variant": v.spec }, h("h3", { text: `${v.spec}: ${v.name}` }), m));
  }
  out.replaceChildren(h("div", { class: "card" }, h("h2", { text: "Side by side" }), table),
    h("div", { class: "card" }, h("h2", { text: "Whom each variant obliges" }), maps, legend()),
    h("div", { class: "card" }, h("h2", { text: "Clause by clause against NATO Art. 5 (✓ same, ✗ different)" }), likeness),
    ...(c.forecasts ? [h("div", { class: "card", id: "compare-forecast" }, h("h2", { text: "Forecast: who would come, and the chance the defence side outweighs the attacker" }), compareForecast(c.forecasts))] : []));
}

function compareForecast(fs) {
  const pct = (p) => `${Math.round(100 * p)}%`;
  return h("table", {}, h("thead", {}, h("tr", {}, ["spec", "obligors: P(fights)", "expected comers", "defence CINC mean", "P(outweighs) CINC", "milex", "milper"].map((t) => h("th", { text: t })))),
    h("tbody", {}, fs.map((v) => { const f = v.forecast; return h("tr", {}, h("td", { text: v.spec }),
      h("td", { text: f.obligors.map((o) => `${o.state.abb} ${pct(o.p_fights)}`).join(", ") || "—" }), h("td", { class: "num", text: f.expected_joiners.toFixed(2) }),
      h("td", { class: "num", text: f.balance.cinc.mean.toFixed(4) }), h("td", { class: "num", text: pct(f.balance.cinc.p_outweighs) }),
      h("td", { class: "num", text: pct(f.balance.milex.p_outweighs) }), h("td", { class: "num", text: pct(f.balance.milper.p_outweighs) })); })));
}

// ---------- page: treaties ----------
async function pageTreaties(params) {
  const q = h("input", { type: "search", name: "q", id: "t-q", value: params.get("q") || "", placeholder: "name or id: nato, warsaw, 3180" });
  const state = h("input", { type: "text", name: "state", id: "t-state", value: params.get("state") || "", list: "states-list", placeholder: "any" });
  const year = h("input", { type: "number", name: "year", id: "t-year", value: params.get("year") || "", min: 1815, max: 2100, placeholder: "any" });
  const origin = h("select", { name: "origin", id: "t-origin" }, ["all", "library", "atop"].map((o) => h("option", { value: o, selected: (params.get("origin") || "all") === o, text: o })));
  const st = await states();
  const form = h("form", { class: "card scenario" }, h("label", {}, "Search", q), h("label", {}, "Member", state), h("label", {}, "In force in year", year), h("label", {}, "Source", origin),
    h("button", { type: "submit", text: "Search" }), h("datalist", { id: "states-list" }, st.map((x) => h("option", { value: x.abb, label: x.name }))));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const p = new URLSearchParams();
    for (const el of [q, state, year, origin]) if (el.value && el.value !== "all") p.set(el.name, el.value);
    go("treaties", p);
  });
  const out = h("div", { class: "card" }, h("p", { class: "muted", text: "Loading…" }));
  view().replaceChildren(h("h1", { text: "Treaties: ATOP 5.1 alliances and the built-in library" }), form, out);
  const apiq = new URLSearchParams();
  for (const k of ["q", "state", "year", "origin"]) if (params.get(k)) apiq.set(k, params.get(k));
  apiq.set("limit", "300");
  try {
    const r = await api("/api/treaties?" + apiq);
    const total = r.headers.get("x-total-count");
    out.replaceChildren(h("p", { class: "muted", text: `${total} treaties${Number(total) > 300 ? " (first 300 shown; narrow the search)" : ""}.` }),
      h("table", { id: "treaty-table" }, h("thead", {}, h("tr", {}, ["id", "name", "from", "to", "members", "kinds", "status"].map((x) => h("th", { text: x })))),
        h("tbody", {}, r.body.map((t) => h("tr", {}, h("td", {}, h("a", { href: `#/treaty/${esc(t.id)}`, text: t.id })), h("td", { text: t.name }), h("td", { text: t.from || "—" }), h("td", { text: t.to || "—" }),
          h("td", { text: t.members.length > 12 ? t.members.slice(0, 12).join(" ") + ` … (+${t.members.length - 12})` : t.members.join(" ") }), h("td", { text: t.kinds }), h("td", { text: t.status }))))));
  } catch (e) { out.replaceChildren(errorBox(e)); }
}

function timeline(t, names) {
  const parties = t.parties;
  if (!parties.length) return h("p", { class: "muted", text: "No parties." });
  const year = (d) => Number(String(d).slice(0, 4)) + (Number(String(d).slice(5, 7)) - 1) / 12;
  const now = new Date().getFullYear();
  const lo = Math.floor(Math.min(...parties.map((p) => year(p.entry)))), hi = Math.ceil(Math.max(...parties.map((p) => (p.exit ? year(p.exit) : Math.max(now, year(p.entry) + 1)))));
  const W = 760, left = 60, row = 13, top = 18, span = W - left - 10;
  const x = (y) => left + ((y - lo) / Math.max(1, hi - lo)) * span;
  const svg = s("svg", { class: "timeline", viewBox: `0 0 ${W} ${top + parties.length * row + 6}`, role: "img", "aria-label": "Members over time" });
  const step = hi - lo > 120 ? 20 : hi - lo > 50 ? 10 : 5;
  for (let y = Math.ceil(lo / step) * step; y <= hi; y += step) {
    svg.append(s("line", { class: "axis", x1: x(y), x2: x(y), y1: top - 4, y2: top + parties.length * row }), s("text", { x: x(y), y: 10, "text-anchor": "middle" }, y));
  }
  parties.forEach((p, i) => {
    const y = top + i * row, end = p.exit ? year(p.exit) : hi;
    const who = names.get(p.ccode);
    svg.append(s("text", { x: left - 6, y: y + 9, "text-anchor": "end" }, who ? who.abb : p.ccode),
      s("rect", { class: "bar", x: x(year(p.entry)), y: y + 1, width: Math.max(2, x(end) - x(year(p.entry))), height: row - 3, "data-ccode": p.ccode },
        s("title", {}, `${who ? who.name : p.ccode}: ${p.entry} – ${p.exit || "today"}${p.roles.length ? " (" + p.roles.join(", ") + ")" : ""}${p.source ? " — " + p.source : ""}`)));
  });
  return svg;
}

async function pageTreaty(id) {
  view().replaceChildren(h("p", { class: "muted", text: "Loading…" }));
  let t;
  try { t = (await api("/api/treaties/" + esc(id))).body; } catch (e) { view().replaceChildren(h("p", {}, h("a", { href: "#/treaties", text: "← all treaties" })), errorBox(e)); return; }
  const names = new Map(t.states.map((x) => [x.ccode, x]));
  const sel = (xs) => xs.map((x) => (x.by === "parties" ? "all parties" : x.by === "state" ? (names.get(x.value) || { abb: x.value }).abb : `${x.by} ${x.value}`)).join(", ");
  view().replaceChildren(
    h("p", {}, h("a", { href: "#/treaties", text: "← all treaties" })),
    h("h1", { id: "treaty-title", text: `${t.name}` }),
    h("div", { class: "card" },
      h("p", {}, h("code", { text: t.id }), ` — status ${t.status}; signed ${t.signed || "—"}; in force ${t.in_force || "—"}; lapsed ${t.lapsed || "—"}${t.atopid ? "; ATOP " + t.atopid : ""}.`),
      h("p", { class: "links" }, h("a", { href: `#/scenario?spec=${esc(t.id)}`, text: "Use in a scenario" }), h("a", { href: `#/backtest?spec=${esc(t.id)}`, text: "Backtest" }), h("a", { href: "/api/treaties/" + esc(t.id), text: "JSON" })),
      t.sources.length ? h("ul", {}, t.sources.map((x) => h("li", { class: "muted", text: x }))) : null),
    h("div", { class: "card" }, h("h2", { text: `Members over time (${t.states.length} states)` }), timeline(t, names)),
    h("div", { class: "card" }, h("h2", { text: "Clauses" }),
      t.clauses.length ? h("table", {}, h("thead", {}, h("tr", {}, ["article", "kind", "strength", "paraphrase", "obligors", "beneficiaries", "conditions"].map((x) => h("th", { text: x })))),
        h("tbody", {}, t.clauses.map((c) => h("tr", {}, h("td", { text: c.article }), h("td", { text: c.kind }), h("td", { text: c.strength }), h("td", { text: c.paraphrase }),
          h("td", { text: sel(c.obligors) }), h("td", { text: sel(c.beneficiaries) }), h("td", { text: c.conditions.map((x) => x.type).join(", ") || "none" }))))) : h("p", { class: "muted", text: "No clauses." })),
    t.provisions.length ? h("div", { class: "card" }, h("h2", { text: "Provisions (ATOP alliance-level codes)" }), h("ul", {}, t.provisions.map(([col, val, words]) => h("li", {}, words, " ", h("code", { text: `${col} = ${val}` }))))) : null,
    t.notes.length ? h("div", { class: "card" }, h("h2", { text: "Notes" }), h("ul", {}, t.notes.map((n) => h("li", { text: n })))) : null);
}

// ---------- page: backtest ----------
async function pageBacktest(params) {
  const lib = await library();
  const spec = h("input", { type: "text", name: "spec", id: "b-spec", value: params.get("spec") || "nato", list: "spec-list" });
  const from = h("input", { type: "number", name: "from", id: "b-from", value: params.get("from") || "", placeholder: "1816", min: 1816, max: 2100 });
  const to = h("input", { type: "number", name: "to", id: "b-to", value: params.get("to") || "", placeholder: "last", min: 1816, max: 2100 });
  const host = h("select", { name: "min_hostility", id: "b-host" }, [["2", "2 threat and up"], ["3", "3 display and up"], ["4", "4 use of force and up"], ["5", "5 war"]].map(([v, l]) => h("option", { value: v, selected: (params.get("min_hostility") || "4") === v, text: l })));
  const since = h("input", { type: "date", name: "as_if_since", id: "b-since", value: params.get("as_if_since") || "" });
  const form = h("form", { class: "card scenario" }, h("label", {}, "Guarantee (library id or ATOP id)", spec), h("label", {}, "From year", from), h("label", {}, "To year", to), h("label", {}, "Attacks of hostility", host),
    h("label", {}, "As if in force since (for proposals)", since),
    h("button", { type: "submit", id: "run", text: "Backtest" }), h("datalist", { id: "spec-list" }, lib.map((t) => h("option", { value: t.id, label: t.name }))));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const p = new URLSearchParams();
    for (const el of [spec, from, to, host, since]) if (el.value) p.set(el.name, el.value);
    go("backtest", p);
  });
  const out = h("div", { id: "result" });
  view().replaceChildren(h("h1", { text: "Backtest: how often would the guarantee have been triggered?" }), form, out);
  if (!params.get("spec")) { out.append(h("p", { class: "muted", text: "Choose a guarantee and run it against every militarized dispute since 1816." })); return; }
  out.append(h("p", { class: "muted", text: "Running against the historical record…" }));
  const q = new URLSearchParams();
  for (const k of ["spec", "from", "to", "min_hostility", "as_if_since"]) if (params.get(k)) q.set(k, params.get(k));
  q.set("details", "false");
  let b;
  try { b = (await api("/api/backtest?" + q)).body; } catch (e) { out.replaceChildren(errorBox(e)); return; }
  out.replaceChildren(...backtestView(b),
    h("div", { class: "card", id: "calibration" }, h("h2", { text: "How well the forecast's model of honouring is calibrated" }),
      h("p", { class: "muted" }, "Each ally's probability of fighting (Scenario page) comes from a model fitted on every ATOP alliance in the COW wars; here its out-of-sample predictions against what allies did (",
        h("a", { href: "/api/forecast/model", text: "coefficients and scores, JSON" }), ")."),
      h("img", { src: "/api/forecast/calibration.svg", alt: "Reliability diagram of the forecast's model", width: 420, height: 420 })));
}

function backtestView(b) {
  const cards = [];
  for (const t of b.treaties || []) {
    const years = t.years || [];
    const W = 760, H = 180, left = 34, bottom = 20;
    const max = Math.max(1, ...years.map((y) => y.triggered + (y.undetermined || 0)));
    const lo = years.length ? years[0].year : 0, hi = years.length ? years[years.length - 1].year : 1;
    const bw = Math.max(1, (W - left - 6) / Math.max(1, hi - lo + 1));
    const x = (yr) => left + (yr - lo) * bw;
    const svg = s("svg", { class: "bars", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Incidents per year" });
    for (const y of years) {
      const ht = ((H - bottom - 8) * y.triggered) / max, hu = ((H - bottom - 8) * (y.undetermined || 0)) / max;
      svg.append(s("rect", { x: x(y.year), y: H - bottom - ht, width: Math.max(0.8, bw - 0.4), height: ht, fill: COLOUR["as-it-deems-necessary"] }, s("title", {}, `${y.year}: ${y.triggered} triggered, ${y.undetermined || 0} undetermined`)));
      if (hu) svg.append(s("rect", { x: x(y.year), y: H - bottom - ht - hu, width: Math.max(0.8, bw - 0.4), height: hu, fill: COLOUR.undetermined }));
    }
    const step = hi - lo > 120 ? 20 : 10;
    for (let yr = Math.ceil(lo / step) * step; yr <= hi; yr += step) svg.append(s("text", { x: x(yr), y: H - 5, "text-anchor": "middle" }, yr));
    svg.append(s("text", { x: 2, y: 12 }, max), s("text", { x: 2, y: H - bottom }, 0));
    const counts = t.counts || {};
    cards.push(h("div", { class: "card", "data-backtest": t.id },
      h("h2", { text: `${t.id}: ${t.name}` }),
      h("p", { text: Object.entries(counts).map(([k, v]) => `${k.replace(/_/g, " ")}: ${v}`).join("; ") }),
      svg, legend(new Set(["as-it-deems-necessary", "undetermined"])),
      h("details", {}, h("summary", { text: "Per year" }), h("table", {}, h("thead", {}, h("tr", {}, ["year", "triggered", "undetermined"].map((c) => h("th", { text: c })))),
        h("tbody", {}, years.filter((y) => y.triggered || y.undetermined).map((y) => h("tr", {}, h("td", { text: y.year }), h("td", { class: "num", text: y.triggered }), h("td", { class: "num", text: y.undetermined || 0 }))))))));
  }
  cards.push(h("p", { class: "muted", text: `${b.incidents} incidents from ${b.from} to ${b.to}, hostility ${b.min_hostility} or more${b.as_if_since ? "; as if in force since " + b.as_if_since : ""}.` }));
  return cards;
}

// ---------- router ----------
async function render() {
  const r = route();
  for (const a of document.querySelectorAll("nav a")) a.classList.toggle("active", a.dataset.page === (r.page === "treaty" ? "treaties" : r.page));
  try {
    if (r.page === "scenario") await pageScenario(r.params);
    else if (r.page === "compare") await pageCompare(r.params);
    else if (r.page === "treaties") await pageTreaties(r.params);
    else if (r.page === "treaty") await pageTreaty(r.arg);
    else if (r.page === "backtest") await pageBacktest(r.params);
    else view().replaceChildren(h("p", { text: "No such page. " }, h("a", { href: "#/scenario", text: "Start with a scenario." })));
  } catch (e) {
    view().replaceChildren(errorBox(e));
  }
  document.body.dataset.ready = r.page;
}

window.addEventListener("hashchange", render);
window.addEventListener("DOMContentLoaded", async () => {
  try { document.getElementById("credit").textContent = (await mapData()).credit; } catch (e) { /* the map is optional for the footer */ }
  render();
});
