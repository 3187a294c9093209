"use strict";
// The tables and panels: headline counts, top places, actors, dyads, root x QuadClass, quality, listed events.

const TOP_ROWS = 15;
const LIST_LIMIT = 100;

function table(headers, rows, cls) {
  const head = headers.map((h) => `<th>${h}</th>`).join("");
  return `<table class="${cls || ""}"><thead><tr>${head}</tr></thead><tbody>${rows.join("") || `<tr><td colspan="${headers.length}" class="muted">nothing under these filters</td></tr>`}</tbody></table>`;
}

function quadBar(values, total) {
  if (!total) return "";
  return `<span class="qbar">${[1, 2, 3, 4, 0].filter((q) => values[q]).map((q) => `<i style="width:${(100 * values[q] / total).toFixed(1)}%;background:${QUAD_COLOURS[q]}" title="${QUADS[q]}: ${fmt(values[q])}"></i>`).join("")}</span>`;
}

function headline(H, S, st) {
  const c = H.counts, cells = [
    ["events", S.events, c.events], ["killed", S.dead, null], ["articles", c.articles, null], ["mentions", c.mentions, null],
    ["actors", c.actors, null], ["rejects", c.rejects, null],
  ];
  const filtered = st.dates || st.country || st.actor || st.root >= 0;
  return cells.filter(([, v]) => v != null).map(([name, v, all]) =>
    `<div><b data-count="${name}">${fmt(v)}</b>${name}${filtered && all != null ? ` <span class="muted">of ${fmt(all)}</span>` : ""}</div>`).join("");
}

function placesTable(H, S) {
  const order = [];
  for (let p = 1; p < S.place.length; p++) if (S.place[p]) order.push(p);
  order.sort((a, b) => S.place[b] - S.place[a]);
  const rows = order.slice(0, TOP_ROWS).map((p) => {
    const place = H.places[p], quads = [0, 1, 2, 3, 4].map((q) => S.placeQuad[p * 5 + q]);
    const name = place.name || (place.x == null ? "(country only)" : "(unnamed)");
    return `<tr class="pick" data-place="${p}"><td>${esc(name)}</td><td>${esc(place.admin1)}</td><td>${esc((H.countries[place.country] || {}).name)}</td>`
      + `<td class="n">${fmt(S.place[p])}</td><td class="n">${S.placeDead[p] ? fmt(S.placeDead[p]) : ""}</td><td>${quadBar(quads, S.place[p])}</td></tr>`;
  });
  return table(["Place", "Admin1", "Country", "Events", "Killed", "QuadClass"], rows);
}

function groupsTable(H, S) {
  const order = [];
  for (let c = 1; c < H.codes.length; c++) if (H.codes[c].listed && S.codeBoth[c]) order.push(c);
  order.sort((a, b) => S.codeBoth[b] - S.codeBoth[a] || a - b);
  const rows = order.slice(0, TOP_ROWS).map((c) => `<tr class="pick" data-actor="c:${c}"><td>${esc(H.codes[c].label)} <code>${esc(H.codes[c].code)}</code></td>`
    + `<td class="n">${fmt(S.codeBoth[c])}</td><td class="n">${fmt(S.codeSrc[c])}</td><td class="n">${fmt(S.codeTgt[c])}</td><td class="n">${gold(S.codeGold[c], S.codeGoldN[c])}</td></tr>`);
  return table(["Country-role group or organisation", "Events", "As source", "As target", "Goldstein"], rows);
}

function namedTable(H, S) {
  const order = [];
  for (let a = 1; a < H.named.length; a++) if (S.named[a]) order.push(a);
  order.sort((x, y) => S.named[y] - S.named[x] || x - y);
  const rows = order.slice(0, TOP_ROWS).map((a) => {
    const n = H.named[a];
    return `<tr class="pick" data-actor="n:${a}"><td title="${esc(n.variants.join(", "))}">${esc(n.name)}</td><td><code>${esc(n.code)}</code></td>`
      + `<td class="n">${fmt(S.named[a])}</td><td class="n">${gold(S.namedGold[a], S.namedGoldN[a])}</td><td>${esc(n.origin)}</td></tr>`;
  });
  return table(["Named actor", "Code", "Events", "Goldstein", "Origin"], rows);
}

function dyadsTable(H, S) {
  const rows = S.topDyads.map((d) => {
    const codes = [...d.codes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
    const labels = new Map(H.eventCodes.map((e) => [e.code, e.label]));
    return `<tr class="pick" data-src="${d.src}" data-tgt="${d.tgt}"><td>${esc(dyadSide(H, d.src))} <code>${esc(H.codes[d.src].code)}</code></td>`
      + `<td>${esc(dyadSide(H, d.tgt))} <code>${esc(H.codes[d.tgt].code)}</code></td><td class="n">${fmt(d.n)}</td><td class="n">${gold(d.gold, d.goldN)}</td>`
      + `<td>${codes.map(([c, n]) => `<code title="${esc(labels.get(c))}: ${fmt(n)}">${esc(c)}</code>`).join(" ")}</td><td>${sparkline(H, d)}</td></tr>`;
  });
  return table(["Source", "Target", "Events", "Goldstein", "Top codes", "Over time"], rows);
}

function rootTable(H, S, L) {
  let peak = 1;
  for (const v of S.rootQuad) peak = Math.max(peak, v);
  const rows = H.roots.map((r, k) => {
    const cells = [1, 2, 3, 4, 0].map((q) => S.rootQuad[k * 5 + q]), total = cells.reduce((a, v) => a + v, 0);
    if (!total) return "";
    const tds = cells.map((v) => (v ? `<td class="n" style="background:rgba(52,101,164,${(0.08 + 0.6 * v / peak).toFixed(2)})">${fmt(v)}</td>` : "<td></td>")).join("");
    return `<tr class="pick" data-root="${k}"><td><code>${esc(r.root)}</code> ${esc(r.label)}</td>${tds}<td class="n">${fmt(total)}</td></tr>`;
  }).filter(Boolean);
  return table(["Root code", ...[1, 2, 3, 4].map((q) => QUADS[q]), "unknown", "Total"], rows, "roots");
}

function qualityPanel(H, S) {
  const Q = H.quality, n = S.events;
  const list = (items, label) => items.length ? items.map((r) => `<li>${esc(r[label])}: <b>${fmt(r.n)}</b>${r.example ? ` <span class="muted">(${esc(r.example)})</span>` : ""}</li>`).join("") : '<li class="muted">none</li>';
  const precision = PRECISIONS.map((p, k) => `<span><i style="background:${["#2e7d32", "#7cb342", "#fbc02d", "#ef6c00", "#9e9e9e"][k]}"></i>${p}: ${pct(S.precision[k], n)}</span>`).join("");
  const bars = PRECISIONS.map((p, k) => S.precision[k] ? `<i style="width:${(100 * S.precision[k] / n).toFixed(1)}%;background:${["#2e7d32", "#7cb342", "#fbc02d", "#ef6c00", "#9e9e9e"][k]}" title="${p}: ${fmt(S.precision[k])}"></i>` : "").join("");
  return `<div class="quality">`
    + `<div><h3>Actors behind the events</h3><p>Events with an actor resolved<br>as unknown: <b data-quality="unknown">${pct(S.unknown, n)}</b><br>by fuzzy match: <b>${pct(S.fuzzy, n)}</b><br>from context: <b>${pct(S.context, n)}</b></p><p class="muted">Actors of the run by origin: ${Q.actors.map((r) => `${esc(r.value)} ${fmt(r.n)}`).join(", ") || "none"}</p></div>`
    + `<div><h3>Date precision</h3><p class="qbar wide">${bars}</p><p class="legend">${precision}</p></div>`
    + `<div><h3>Located</h3><p>at a place: <b data-quality="located">${pct(S.point, n)}</b><br>at a country only: <b>${pct(S.countryOnly, n)}</b><br>not located: <b>${pct(n - S.point - S.countryOnly, n)}</b></p></div>`
    + `<div><h3>Input</h3><p>Rejected records by reason:</p><ul>${list(Q.rejects, "kind")}</ul><p>Articles by status:</p><ul>${list(Q.articles, "value")}</ul></div>`
    + `</div>`;
}

function eventList(H, L, S, st) {
  if (!st.sel) return '<p class="muted">Click a dyad (in the table or the small multiples), a place or a point on the map to list its events here.</p>';
  const D = H.detail.columns, listed = listedEvents(H, L, st, LIST_LIMIT);
  const title = st.sel.kind === "dyad" ? `${dyadSide(H, st.sel.src)} → ${dyadSide(H, st.sel.tgt)}`
    : `${H.places[st.sel.place].name || "places"} (${(H.countries[H.places[st.sel.place].country] || {}).name || ""})`;
  const rows = listed.rows.map((i) => {
    const e = H.eventCodes[D.ev[i]], pattern = H.detail.patterns[D.pattern[i]], article = H.detail.articles[D.article[i]];
    const link = article ? (article.url ? `<a href="${esc(article.url)}" target="_blank" rel="noopener">${esc(article.title || article.id)}</a>` : esc(article.title || article.id)) + ` <span class="muted">${esc(article.source)} ${esc(article.id)}</span>` : "";
    return `<tr><td>${esc(D.date[i])}</td><td>${esc(D.source_text[i])} <code>${esc(H.codes[D.src[i]].code)}</code></td>`
      + `<td><code>${esc(e.code)}</code> ${esc(e.label)}</td><td>${esc(D.target_text[i])} <code>${esc(H.codes[D.tgt[i]].code)}</code></td>`
      + `<td class="sentence">${esc(D.sentence[i])}</td><td>${pattern ? `<code>${esc(pattern.where || "?")}</code><br><span class="muted">${esc(pattern.id)}</span>` : ""}</td>`
      + `<td>${link}</td><td class="n">${fmt(D.mentions[i])}</td></tr>`;
  });
  const note = `${fmt(S.selected)} events of this selection under the filters; the page holds ${fmt(listed.matching)} of them`
    + ` (it keeps ${fmt(H.caps.listed)} events, the most reported of every dyad and place first), showing ${fmt(listed.rows.length)}.`;
  return `<h3>${esc(title)} <button type="button" class="clear-sel">close</button></h3><p class="muted" data-listed="${listed.matching}">${note}</p>`
    + table(["Date", "Source", "Event", "Target", "Sentence", "Pattern (file:line)", "Article", "Mentions"], rows, "events");
}
