"use strict";
// Time charts as SVG text: stacked QuadClass bars, the mean Goldstein and material-conflict share lines,
// small multiples for the top dyads, and sparklines.

const CHART_W = 960, LEFT = 52, RIGHT = 12;

function niceTicks(peak, count) {
  if (peak <= 0) return [0];
  const raw = peak / count, mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw);
  const ticks = [];
  for (let v = 0; v <= peak + 1e-9; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

function xLabels(H, x, width, y) {
  const labels = H.bins.labels, every = Math.max(1, Math.ceil(labels.length / Math.floor(width / 70)));
  let out = "";
  labels.forEach((label, k) => {
    if (k % every === 0) out += `<text x="${x(k + 0.5).toFixed(1)}" y="${y}" text-anchor="middle">${esc(label)}</text>`;
  });
  return out;
}

// Events per bin stacked by QuadClass; each bin's column carries a tooltip and selects the bin when clicked.
function timeBars(H, S) {
  const nb = H.bins.labels.length, nq = 5, height = 220, top = 8, bottom = 22, ph = height - top - bottom;
  if (!nb) return '<p class="muted">No dated events.</p>';
  const totals = Array.from({ length: nb }, (_, b) => S.binQuad.slice(b * nq, b * nq + nq).reduce((a, v) => a + v, 0));
  const peak = Math.max(1, ...totals), bw = (CHART_W - LEFT - RIGHT) / nb, x = (k) => LEFT + k * bw;
  let out = `<svg class="chart" viewBox="0 0 ${CHART_W} ${height}" role="img" aria-label="events per ${esc(H.bins.unit)} by QuadClass">`;
  for (const v of niceTicks(peak, 4)) {
    const y = top + ph - (v / peak) * ph;
    out += `<line x1="${LEFT}" x2="${CHART_W - RIGHT}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" class="grid"/>`
      + `<text x="${LEFT - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end">${fmt(v)}</text>`;
  }
  for (let b = 0; b < nb; b++) {
    let y = top + ph, tip = `${H.bins.labels[b]}: ${fmt(totals[b])} events`;
    for (const q of [1, 2, 3, 4, 0]) {
      const v = S.binQuad[b * nq + q];
      if (!v) continue;
      const h = (v / peak) * ph;
      y -= h;
      tip += `\n${QUADS[q]}: ${fmt(v)}`;
      out += `<rect x="${(x(b) + bw * 0.1).toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(bw * 0.8, 0.6).toFixed(1)}" height="${h.toFixed(1)}" fill="${QUAD_COLOURS[q]}"/>`;
    }
    out += `<rect class="hit" data-bin="${b}" x="${x(b).toFixed(1)}" y="${top}" width="${bw.toFixed(1)}" height="${ph}"><title>${esc(tip)}</title></rect>`;
  }
  out += `<line x1="${LEFT}" x2="${CHART_W - RIGHT}" y1="${top + ph}" y2="${top + ph}" class="axis"/>`;
  return out + xLabels(H, (k) => x(k), CHART_W - LEFT, height - 6) + "</svg>";
}

// A line over the bins: `value(b)` gives the point or null (no events: a gap).
function lineChart(H, value, lo, hi, ticks, label, colour, unit) {
  const nb = H.bins.labels.length, height = 96, top = 8, bottom = 8, ph = height - top - bottom;
  if (!nb) return "";
  const bw = (CHART_W - LEFT - RIGHT) / nb, x = (k) => LEFT + (k + 0.5) * bw, y = (v) => top + ph - ((v - lo) / (hi - lo)) * ph;
  let out = `<svg class="chart" viewBox="0 0 ${CHART_W} ${height}" role="img" aria-label="${esc(label)}">`;
  for (const v of ticks) {
    out += `<line x1="${LEFT}" x2="${CHART_W - RIGHT}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="${v === 0 ? "axis" : "grid"}"/>`
      + `<text x="${LEFT - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v}${unit}</text>`;
  }
  let path = "", pen = false, dots = "";
  for (let b = 0; b < nb; b++) {
    const v = value(b);
    if (v == null) { pen = false; continue; }
    path += (pen ? "L" : "M") + x(b).toFixed(1) + " " + y(v).toFixed(1);
    pen = true;
    dots += `<circle cx="${x(b).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.2" fill="${colour}"><title>${esc(H.bins.labels[b])}: ${v.toFixed(1)}${unit}</title></circle>`;
  }
  return out + `<path d="${path}" fill="none" stroke="${colour}" stroke-width="1.6"/>${dots}</svg>`;
}

function goldsteinLine(H, S) {
  return lineChart(H, (b) => (S.binGoldN[b] ? S.binGold[b] / S.binGoldN[b] : null), -10, 10, [-10, -5, 0, 5, 10],
    "mean Goldstein score per bin", "#5c3566", "");
}

function conflictShareLine(H, S) {
  const nq = 5;
  return lineChart(H, (b) => {
    let all = 0;
    for (let q = 0; q < nq; q++) all += S.binQuad[b * nq + q];
    return all ? (100 * S.binQuad[b * nq + 4]) / all : null;
  }, 0, 100, [0, 50, 100], "share of material conflict per bin", "#cc0000", "%");
}

// One small stacked-bar chart per top dyad, each on its own scale (its peak is printed).
function smallMultiples(H, S) {
  const dyads = S.topDyads.slice(0, MULTIPLES), nb = H.bins.labels.length, nq = 5;
  if (!dyads.length || !nb) return '<p class="muted">No dyads.</p>';
  const w = 230, h = 78, ph = 58;
  return dyads.map((d) => {
    const totals = Array.from({ length: nb }, (_, b) => d.series.slice(b * nq, b * nq + nq).reduce((a, v) => a + v, 0));
    const peak = Math.max(1, ...totals), bw = w / nb;
    let bars = "";
    for (let b = 0; b < nb; b++) {
      let y = ph;
      for (const q of [1, 2, 3, 4, 0]) {
        const v = d.series[b * nq + q];
        if (!v) continue;
        const bh = (v / peak) * ph;
        y -= bh;
        bars += `<rect x="${(b * bw).toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(bw * 0.85, 0.6).toFixed(1)}" height="${bh.toFixed(1)}" fill="${QUAD_COLOURS[q]}"/>`;
      }
    }
    const name = `${dyadSide(H, d.src)} → ${dyadSide(H, d.tgt)}`;
    return `<figure class="multiple" data-src="${d.src}" data-tgt="${d.tgt}" title="${esc(name)}: click to list its events">`
      + `<figcaption><b>${esc(H.codes[d.src].code || "–")} → ${esc(H.codes[d.tgt].code || "–")}</b> ${fmt(d.n)} events, peak ${fmt(peak)}</figcaption>`
      + `<svg viewBox="0 0 ${w} ${h}"><line x1="0" x2="${w}" y1="${ph}" y2="${ph}" class="axis"/>${bars}`
      + `<text x="0" y="${h - 4}">${esc(H.bins.labels[0])}</text><text x="${w}" y="${h - 4}" text-anchor="end">${esc(H.bins.labels[nb - 1])}</text></svg></figure>`;
  }).join("");
}

function sparkline(H, d) {
  const nb = H.bins.labels.length, nq = 5, w = 120, h = 22;
  if (nb < 2) return "";
  const totals = Array.from({ length: nb }, (_, b) => d.series.slice(b * nq, b * nq + nq).reduce((a, v) => a + v, 0));
  const peak = Math.max(1, ...totals);
  const pts = totals.map((v, b) => `${((b / (nb - 1)) * w).toFixed(1)},${(h - 1 - (v / peak) * (h - 2)).toFixed(1)}`).join(" ");
  return `<svg class="spark" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}"><polyline points="${pts}" fill="none" stroke="#3465a4" stroke-width="1.2"/></svg>`;
}

function dyadSide(H, code) { return code ? H.codes[code].label : "no actor"; }

function legend() {
  return [1, 2, 3, 4].map((q) => `<span><i style="background:${QUAD_COLOURS[q]}"></i>${QUADS[q]}</span>`).join("");
}
