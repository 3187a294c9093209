"use strict";
// The page: read the data, draw the filter bar, and redraw every panel whenever the state changes.
// The state lives in the address's #fragment too, so a filtered view can be bookmarked or shared.

async function main() {
  const status = document.getElementById("status");
  if (typeof DecompressionStream === "undefined") {
    status.textContent = "This browser cannot read the report's data (it lacks DecompressionStream); use a current Chromium, Firefox or Safari.";
    return;
  }
  const { H, F } = await readBlob(document.getElementById("ec-data").textContent);
  const L = buildLookups(H, F);
  const app = { H, F, L, st: stateFromHash(location.hash, H, L) };
  document.getElementById("subtitle").textContent = H.subtitle;
  buildFilters(app);
  app.map = initMap(H, document.getElementById("map"), {
    hover: (event) => mapHover(app, event),
    click: (event) => mapClick(app, event),
  });
  document.body.addEventListener("click", (event) => pick(app, event));
  window.addEventListener("hashchange", () => {
    if (location.hash !== stateToHash(app.st, H, L)) { app.st = stateFromHash(location.hash, H, L); render(app); }
  });
  render(app);
  status.remove();
  document.body.dataset.ready = "1";
}

function buildFilters(app) {
  const { H, L } = app, bar = document.getElementById("filters");
  const bins = H.bins.labels.map((b, k) => `<option value="${k}">${esc(b)}</option>`).join("");
  const countries = H.countries.map((c, k) => [c, k]).slice(1).sort((a, b) => a[0].name.localeCompare(b[0].name))
    .map(([c, k]) => `<option value="${k}">${esc(c.name)} (${esc(c.iso3)})</option>`).join("");
  const roots = H.roots.map((r, k) => `<option value="${k}">${esc(r.root)} ${esc(r.label)}</option>`).join("");
  const actors = H.codes.map((c, k) => (c.listed ? `<option value="${esc(c.label)} [${esc(c.code)}]"></option>` : "")).join("")
    + H.named.slice(1).map((n) => `<option value="${esc(n.name)} {${esc(n.code || "named")}}"></option>`).join("");
  bar.innerHTML = `<label>From <select id="f-from">${bins}</select></label><label>to <select id="f-to">${bins}</select></label>`
    + `<label>Country <select id="f-country"><option value="0">any</option>${countries}</select></label>`
    + `<label>Actor <input id="f-actor" list="f-actors" placeholder="any: type a name or code" size="28"><datalist id="f-actors">${actors}</datalist></label>`
    + `<label>Root <select id="f-root"><option value="-1">any</option>${roots}</select></label>`
    + `<button type="button" id="f-reset">Reset</button><span id="f-count" class="muted"></span>`;
  const set = (change) => { change(app.st); render(app); };
  bar.querySelector("#f-from").addEventListener("change", (e) => set((st) => { st.from = +e.target.value; st.to = Math.max(st.to, st.from); st.dates = true; }));
  bar.querySelector("#f-to").addEventListener("change", (e) => set((st) => { st.to = +e.target.value; st.from = Math.min(st.to, st.from); st.dates = true; }));
  bar.querySelector("#f-country").addEventListener("change", (e) => set((st) => { st.country = +e.target.value; }));
  bar.querySelector("#f-root").addEventListener("change", (e) => set((st) => { st.root = +e.target.value; }));
  bar.querySelector("#f-actor").addEventListener("change", (e) => set((st) => { st.actor = parseActor(H, L, e.target.value); }));
  bar.querySelector("#f-reset").addEventListener("click", () => set((st) => Object.assign(st, emptyState(H))));
}

// "Sudan · Military [SDNMIL]" or a bare code is a group; "Name {CODE}" or a bare name is a named actor.
function parseActor(H, L, text) {
  const value = text.trim();
  if (!value) return null;
  const code = (value.match(/\[([^\]]+)\]$/) || [null, value])[1];
  if (L.codeByName.has(code) && H.codes[L.codeByName.get(code)].listed) return { named: false, idx: L.codeByName.get(code) };
  const name = value.replace(/\s*\{[^}]*\}$/, "");
  const idx = H.named.findIndex((n, k) => k > 0 && n.name === name);
  return idx > 0 ? { named: true, idx } : null;
}

function render(app) {
  const { H, F, L, st } = app, started = performance.now();
  const S = summarise(H, F, L, st);
  app.S = S;
  const put = (id, html) => { document.getElementById(id).innerHTML = html; };
  put("counts", headline(H, S, st));
  put("time-bars", timeBars(H, S));
  put("time-gold", goldsteinLine(H, S));
  put("time-share", conflictShareLine(H, S));
  put("time-note", `${S.events ? "" : "No events under these filters. "}One bar per ${esc(H.bins.unit)}${H.bins.unit === "week" ? " (from Monday)" : ""}; `
    + `events dated only to a week, month or year stand at the first day of it. ${S.undated ? fmt(S.undated) + " events have no date." : ""}`);
  put("multiples", smallMultiples(H, S));
  const drawn = updateMap(H, S, app.map);
  put("map-note", `${choroplethLegend(drawn.peak)}<br>${fmt(drawn.shown)} of ${fmt(drawn.located)} places drawn; a point's area is its number of events, its colour the QuadClass most of them have. Scroll or use the buttons to zoom, drag to pan, hover for the events, click to list them, click a country to filter by it.`);
  put("places", placesTable(H, S));
  put("groups", groupsTable(H, S));
  put("named", namedTable(H, S));
  put("dyads", dyadsTable(H, S));
  put("roots", rootTable(H, S, L));
  put("quality", qualityPanel(H, S));
  put("listing", eventList(H, L, S, st));
  syncFilters(app);
  const hash = stateToHash(st, H, L);
  if (hash !== location.hash && !(hash === "" && location.hash === "")) history.replaceState(null, "", hash || location.pathname + location.search);
  document.getElementById("f-count").textContent = `${fmt(S.events)} events · ${Math.round(performance.now() - started)} ms`;
}

function syncFilters(app) {
  const { H, st } = app, get = (id) => document.getElementById(id);
  get("f-from").value = String(st.from); get("f-to").value = String(st.to);
  get("f-country").value = String(st.country); get("f-root").value = String(st.root);
  const a = st.actor;
  get("f-actor").value = !a ? "" : a.named ? `${H.named[a.idx].name} {${H.named[a.idx].code || "named"}}` : `${H.codes[a.idx].label} [${H.codes[a.idx].code}]`;
}

// Clicks anywhere: table rows and multiples select or filter, a time bar narrows the dates.
function pick(app, event) {
  const { st } = app, target = event.target.closest("[data-src],[data-place],[data-actor],[data-root],[data-bin],.clear-sel");
  if (!target || target.closest("#map")) return;
  const d = target.dataset;
  if (target.classList.contains("clear-sel")) st.sel = null;
  else if (d.src !== undefined) st.sel = { kind: "dyad", src: +d.src, tgt: +d.tgt };
  else if (d.place !== undefined) st.sel = { kind: "place", place: +d.place };
  else if (d.actor) st.actor = { named: d.actor[0] === "n", idx: +d.actor.slice(2) };
  else if (d.root !== undefined) st.root = +d.root;
  else if (d.bin !== undefined) { st.from = st.to = +d.bin; st.dates = true; }
  render(app);
  if (st.sel && (d.src !== undefined || d.place !== undefined)) document.getElementById("listing").scrollIntoView({ behavior: "smooth" });
}

function mapHover(app, event) {
  const tip = document.getElementById("tooltip"), target = event && event.target;
  if (!target || !target.dataset || (target.dataset.place === undefined && target.dataset.k === undefined)) { tip.hidden = true; return; }
  const { H, S, L, st } = app;
  if (target.dataset.place !== undefined) tip.innerHTML = placeTip(H, S, L, st, +target.dataset.place);
  else {
    const shape = H.world.countries[+target.dataset.k], k = L.countryByIso.get(shape.iso3);
    tip.innerHTML = `<b>${esc(shape.name)}</b><br>${fmt(k ? S.country[k] : 0)} events located here` + (k && S.countryDead[k] ? `, ${fmt(S.countryDead[k])} killed` : "");
  }
  tip.hidden = false;
  tip.style.left = Math.min(event.clientX + 14, window.innerWidth - tip.offsetWidth - 8) + "px";
  tip.style.top = Math.min(event.clientY + 14, window.innerHeight - tip.offsetHeight - 8) + "px";
}

function mapClick(app, event) {
  const { H, L, st } = app, d = event.target.dataset || {};
  if (d.place !== undefined) st.sel = { kind: "place", place: +d.place };
  else if (d.k !== undefined) st.country = L.countryByIso.get(H.world.countries[+d.k].iso3) || st.country;
  else return;
  render(app);
}

main().catch((error) => {
  document.getElementById("status").textContent = "The report could not be drawn: " + error;
  throw error;
});
