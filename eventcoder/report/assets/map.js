"use strict";
// The world map: Natural Earth borders as a choropleth of located events, located places as points
// (area by events, colour by the QuadClass most of them have), zoom with the wheel or the buttons, pan by dragging.

const MAX_POINTS = 2000;
const CHORO = ["#f1eef6", "#d0d1e6", "#a6bddb", "#74a9cf", "#2b8cbe", "#045a8d"];
const SVGNS = "http://www.w3.org/2000/svg";

function initMap(H, root, handlers) {
  const W = H.world, svg = document.createElementNS(SVGNS, "svg");
  svg.setAttribute("viewBox", `0 0 ${W.width} ${W.height}`);
  svg.setAttribute("class", "map");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "world map of located events");
  svg.innerHTML = `<defs><clipPath id="sphere"><path d="${W.sphere}"/></clipPath></defs>`
    + `<path class="ocean" d="${W.sphere}"/><g clip-path="url(#sphere)"><g class="zoom"><g class="countries"></g><g class="points"></g></g></g>`;
  root.appendChild(svg);
  const zoom = svg.querySelector(".zoom"), countries = svg.querySelector(".countries");
  countries.innerHTML = W.countries.map((c, k) => `<path data-k="${k}" d="${c.path}"/>`).join("");
  const view = { k: 1, x: 0, y: 0 };
  const apply = () => {
    zoom.setAttribute("transform", `translate(${view.x.toFixed(1)} ${view.y.toFixed(1)}) scale(${view.k.toFixed(3)})`);
    svg.style.setProperty("--k", view.k);
    svg.querySelectorAll(".points circle").forEach((c) => c.setAttribute("r", (c.dataset.r / Math.sqrt(view.k)).toFixed(2)));
  };
  const zoomAt = (factor, px, py) => {
    const k = Math.min(40, Math.max(1, view.k * factor));
    view.x = px - ((px - view.x) * k) / view.k; view.y = py - ((py - view.y) * k) / view.k; view.k = k;
    if (k === 1) { view.x = 0; view.y = 0; }
    apply();
  };
  const toMap = (event) => {
    const box = svg.getBoundingClientRect();
    return [((event.clientX - box.left) / box.width) * W.width, ((event.clientY - box.top) / box.height) * W.height];
  };
  svg.addEventListener("wheel", (event) => { event.preventDefault(); zoomAt(event.deltaY < 0 ? 1.4 : 1 / 1.4, ...toMap(event)); }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (event) => { drag = { start: toMap(event), x: view.x, y: view.y, moved: false }; });
  svg.addEventListener("pointermove", (event) => {
    if (drag && event.buttons) {
      const [px, py] = toMap(event);
      if (Math.abs(px - drag.start[0]) + Math.abs(py - drag.start[1]) > 3) drag.moved = true;
      view.x = drag.x + px - drag.start[0]; view.y = drag.y + py - drag.start[1]; apply();
    }
    handlers.hover(event);
  });
  svg.addEventListener("pointerup", () => { setTimeout(() => { drag = null; }, 0); });
  svg.addEventListener("pointerleave", () => handlers.hover(null));
  svg.addEventListener("click", (event) => { if (!(drag && drag.moved)) handlers.click(event); });
  const controls = document.createElement("div");
  controls.className = "map-controls";
  controls.innerHTML = '<button type="button" data-z="in" title="zoom in">+</button><button type="button" data-z="out" title="zoom out">−</button><button type="button" data-z="reset" title="whole world">⟲</button>';
  controls.addEventListener("click", (event) => {
    const z = event.target.dataset.z;
    if (z === "reset") { view.k = 1; view.x = 0; view.y = 0; apply(); } else if (z) zoomAt(z === "in" ? 1.6 : 1 / 1.6, W.width / 2, W.height / 2);
  });
  root.appendChild(controls);
  return { svg, countries, points: svg.querySelector(".points"), view, apply };
}

function choroplethClass(v, peak) {
  if (!v) return -1;
  return Math.min(CHORO.length - 1, Math.floor((Math.log(v + 1) / Math.log(peak + 1)) * CHORO.length));
}

function updateMap(H, S, M) {
  const W = H.world, byIso = new Map(H.countries.map((c, k) => [c.iso3, k]));
  let peak = 1;
  for (let c = 1; c < S.country.length; c++) peak = Math.max(peak, S.country[c]);
  M.countries.querySelectorAll("path").forEach((path) => {
    const k = byIso.get(W.countries[path.dataset.k].iso3), v = k === undefined ? 0 : S.country[k];
    const cls = choroplethClass(v, peak);
    path.setAttribute("fill", cls < 0 ? "#ece8dc" : CHORO[cls]);
  });
  const order = [];
  for (let p = 1; p < S.place.length; p++) if (S.place[p] && H.places[p].x != null) order.push(p);
  order.sort((a, b) => S.place[b] - S.place[a]);
  const shown = order.slice(0, MAX_POINTS), top = shown.length ? S.place[shown[0]] : 1;
  M.points.innerHTML = shown.reverse().map((p) => {
    const place = H.places[p], r = 1.5 + 9 * Math.sqrt(S.place[p] / top);
    return `<circle data-place="${p}" data-r="${r.toFixed(2)}" cx="${place.x}" cy="${place.y}" r="${r.toFixed(2)}" fill="${QUAD_COLOURS[dominantQuad(S, p)]}"/>`;
  }).join("");
  M.apply();
  return { shown: shown.length, located: order.length, peak };
}

function dominantQuad(S, p) {
  let best = 0;
  for (let q = 1; q < 5; q++) if (S.placeQuad[p * 5 + q] > S.placeQuad[p * 5 + best]) best = q;
  return best;
}

function choroplethLegend(peak) {
  const seen = new Set(), steps = [];
  CHORO.forEach((colour, k) => {
    const lo = Math.max(1, Math.ceil(Math.exp((k / CHORO.length) * Math.log(peak + 1)) - 1));
    if (seen.has(lo) || lo > peak) return;
    seen.add(lo);
    steps.push(`<span><i style="background:${colour}"></i>${fmt(lo)}+</span>`);
  });
  return `<span class="legend">events located in the country: ${steps.join("")}</span>`;
}

// The tooltip's text for a place: its counts by QuadClass and its first listed events.
function placeTip(H, S, L, st, p) {
  const place = H.places[p], country = H.countries[place.country] || { name: "" };
  let html = `<b>${esc(place.name)}</b>${place.admin1 ? ", " + esc(place.admin1) : ""}${country.name ? ", " + esc(country.name) : ""}`
    + `<br>${fmt(S.place[p])} events` + (S.placeDead[p] ? `, ${fmt(S.placeDead[p])} killed` : "")
    + "<br>" + [1, 2, 3, 4].filter((q) => S.placeQuad[p * 5 + q]).map((q) => `${QUADS[q]}: ${fmt(S.placeQuad[p * 5 + q])}`).join("<br>");
  const listed = listedEvents(H, L, { ...st, sel: { kind: "place", place: p } }, 5);
  const D = H.detail.columns;
  if (listed.rows.length) {
    html += "<hr>" + listed.rows.map((i) => `${esc(D.date[i])} ${esc(H.codes[D.src[i]].code || "–")} → ${esc(H.codes[D.tgt[i]].code || "–")}: ${esc(H.eventCodes[D.ev[i]].label || H.eventCodes[D.ev[i]].code)}`).join("<br>");
    if (listed.matching > listed.rows.length) html += `<br>… click for the list`;
  }
  return html;
}
