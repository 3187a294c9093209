"use strict";
// Recounting every panel from the fact table under the current filters: one pass, then one for the top dyads.

const TOP_DYADS = 20;
const MULTIPLES = 8;

function newSummary(H) {
  const nb = H.bins.labels.length, nq = 5;
  return {
    events: 0, dead: 0, goldSum: 0, goldN: 0, undated: 0,
    binQuad: new Float64Array(nb * nq), binGold: new Float64Array(nb), binGoldN: new Float64Array(nb),
    country: new Float64Array(H.countries.length), countryDead: new Float64Array(H.countries.length),
    place: new Float64Array(H.places.length), placeDead: new Float64Array(H.places.length),
    placeQuad: new Float64Array(H.places.length * nq),
    codeSrc: new Float64Array(H.codes.length), codeTgt: new Float64Array(H.codes.length),
    codeBoth: new Float64Array(H.codes.length), codeGold: new Float64Array(H.codes.length), codeGoldN: new Float64Array(H.codes.length),
    named: new Float64Array(H.named.length), namedGold: new Float64Array(H.named.length), namedGoldN: new Float64Array(H.named.length),
    rootQuad: new Float64Array(H.roots.length * nq),
    dyads: new Map(), precision: new Float64Array(5), unknown: 0, fuzzy: 0, context: 0, point: 0, countryOnly: 0,
    selected: 0,
  };
}

function summarise(H, F, L, st) {
  const S = newSummary(H), pass = makeFilter(st, L), nq = 5;
  const { bin, ev, src, tgt, srcn, tgtn, place, flags, n, dead } = F;
  for (let i = 0; i < F.length; i++) {
    if (!pass(F, i)) continue;
    const k = n[i], e = ev[i], q = L.evQuad[e], g = L.evGold[e], b = bin[i], p = place[i], fl = flags[i];
    const s = src[i], t = tgt[i];
    S.events += k; S.dead += dead[i];
    const hasGold = !isNaN(g);
    if (hasGold) { S.goldSum += g * k; S.goldN += k; }
    if (b === UNDATED) S.undated += k;
    else {
      S.binQuad[b * nq + q] += k;
      if (hasGold) { S.binGold[b] += g * k; S.binGoldN[b] += k; }
    }
    if (p) {
      const c = L.placeCountry[p];
      S.country[c] += k; S.countryDead[c] += dead[i];
      S.place[p] += k; S.placeDead[p] += dead[i]; S.placeQuad[p * nq + q] += k;
      if (L.placeHasPoint[p]) S.point += k; else S.countryOnly += k;
    }
    S.codeSrc[s] += k; S.codeTgt[t] += k; S.codeBoth[s] += k;
    if (t !== s) S.codeBoth[t] += k;
    if (hasGold) { S.codeGold[s] += g * k; S.codeGoldN[s] += k; if (t !== s) { S.codeGold[t] += g * k; S.codeGoldN[t] += k; } }
    const a = srcn[i], c2 = tgtn[i];
    if (a) { S.named[a] += k; if (hasGold) { S.namedGold[a] += g * k; S.namedGoldN[a] += k; } }
    if (c2 && c2 !== a) { S.named[c2] += k; if (hasGold) { S.namedGold[c2] += g * k; S.namedGoldN[c2] += k; } }
    const r = L.evRoot[e];
    if (r >= 0) S.rootQuad[r * nq + q] += k;
    const key = s * 65536 + t;
    const d = S.dyads.get(key);
    if (d) { d.n += k; if (hasGold) { d.gold += g * k; d.goldN += k; } }
    else S.dyads.set(key, { src: s, tgt: t, n: k, gold: hasGold ? g * k : 0, goldN: hasGold ? k : 0 });
    S.precision[fl & 7] += k;
    if (fl & 8) S.unknown += k;
    if (fl & 16) S.fuzzy += k;
    if (fl & 32) S.context += k;
    if (inSelection(st.sel, F, i)) S.selected += k;
  }
  S.topDyads = topDyads(H, F, pass, S);
  return S;
}

// The top dyads (events with both a source and a target) and, for each, its series by bin (per QuadClass) and its top codes.
function topDyads(H, F, pass, S) {
  const nb = H.bins.labels.length, nq = 5;
  const top = [...S.dyads.values()].filter((d) => d.src && d.tgt)
    .sort((x, y) => y.n - x.n || x.src - y.src || x.tgt - y.tgt).slice(0, TOP_DYADS);
  const slot = new Map(top.map((d, k) => [d.src * 65536 + d.tgt, k]));
  for (const d of top) { d.series = new Float64Array(nb * nq); d.codes = new Map(); }
  if (!top.length) return top;
  const { bin, ev, src, tgt, n } = F;
  for (let i = 0; i < F.length; i++) {
    const k = slot.get(src[i] * 65536 + tgt[i]);
    if (k === undefined || !pass(F, i)) continue;
    const d = top[k], code = H.eventCodes[ev[i]].code;
    if (bin[i] !== UNDATED) d.series[bin[i] * nq + H.eventCodes[ev[i]].quad] += n[i];
    d.codes.set(code, (d.codes.get(code) || 0) + n[i]);
  }
  return top;
}

// The listed events of the selection (or, with no selection, none), under the filters; at most `limit`.
function listedEvents(H, L, st, limit) {
  const D = H.detail.columns, pass = makeFilter(st, L), rows = [];
  let matching = 0;
  for (let i = 0; i < D.date.length; i++) {
    if (!inSelection(st.sel, D, i) || !pass(D, i)) continue;
    matching++;
    rows.push(i);
  }
  rows.sort((a, b) => (D.date[b] > D.date[a] ? 1 : D.date[b] < D.date[a] ? -1 : D.mentions[b] - D.mentions[a]));
  return { rows: rows.slice(0, limit), matching };
}
