"use strict";
// Recounting every panel from the fact table under the current filters: one pass, then one for the top dyads.

const TOP_DYADS = 20;
const MULTIPLES = 8;

function newSummary(H, L) {
  const nb = H.bins.labels.length, nq = 5, f64 = (n) => new Float64Array(n);
  const nc = H.codes.length, nn = H.named.length, np = H.places.length, nd = L.dyadSrc.length;
  return {
    events: 0, dead: 0, goldSum: 0, goldN: 0, undated: 0, selected: 0,
    binQuad: f64(nb * nq), binGold: f64(nb), binGoldN: f64(nb),
    country: f64(H.countries.length), countryDead: f64(H.countries.length),
    place: f64(np), placeDead: f64(np), placeQuad: f64(np * nq),
    codeSrc: f64(nc), codeTgt: f64(nc), codeBoth: f64(nc), codeGold: f64(nc), codeGoldN: f64(nc),
    named: f64(nn), namedGold: f64(nn), namedGoldN: f64(nn), rootQuad: f64(H.roots.length * nq),
    dyadN: f64(nd), dyadGold: f64(nd), dyadGoldN: f64(nd),
    precision: f64(5), unknown: 0, fuzzy: 0, context: 0, point: 0, countryOnly: 0,
  };
}

// Every panel's counts under the filters, in one pass over the fact rows.
function summarise(H, F, L, st) {
  const S = newSummary(H, L), pass = makeFilter(st, L), nq = 5, sel = st.sel;
  const { bin, ev, src, tgt, srcn, tgtn, place, flags, n, dead } = F;
  const { evQuad, evGold, evRoot, placeCountry, placeHasPoint, dyad } = L;
  const { binQuad, binGold, binGoldN, country, countryDead, place: placeN, placeDead, placeQuad } = S;
  const { codeSrc, codeTgt, codeBoth, codeGold, codeGoldN, named, namedGold, namedGoldN, rootQuad } = S;
  const { dyadN, dyadGold, dyadGoldN, precision } = S;
  let events = 0, deadAll = 0, goldSum = 0, goldN = 0, undated = 0, unknown = 0, fuzzy = 0, context = 0;
  let point = 0, countryOnly = 0, selected = 0;
  for (let i = 0; i < F.length; i++) {
    if (pass !== null && !pass(F, i)) continue;
    const k = n[i], e = ev[i], q = evQuad[e], g = evGold[e], b = bin[i], p = place[i], fl = flags[i], d = dead[i];
    const s = src[i], t = tgt[i], a = srcn[i], c2 = tgtn[i], y = dyad[i], gk = g * k, hasGold = g === g;
    events += k; deadAll += d;
    dyadN[y] += k;
    if (hasGold) { goldSum += gk; goldN += k; dyadGold[y] += gk; dyadGoldN[y] += k; }
    if (b === UNDATED) undated += k;
    else { binQuad[b * nq + q] += k; if (hasGold) { binGold[b] += gk; binGoldN[b] += k; } }
    if (p) {
      const c = placeCountry[p];
      country[c] += k; countryDead[c] += d; placeN[p] += k; placeDead[p] += d; placeQuad[p * nq + q] += k;
      if (placeHasPoint[p]) point += k; else countryOnly += k;
    }
    codeSrc[s] += k; codeTgt[t] += k; codeBoth[s] += k;
    if (hasGold) { codeGold[s] += gk; codeGoldN[s] += k; }
    if (t !== s) { codeBoth[t] += k; if (hasGold) { codeGold[t] += gk; codeGoldN[t] += k; } }
    if (a) { named[a] += k; if (hasGold) { namedGold[a] += gk; namedGoldN[a] += k; } }
    if (c2 && c2 !== a) { named[c2] += k; if (hasGold) { namedGold[c2] += gk; namedGoldN[c2] += k; } }
    const r = evRoot[e];
    if (r >= 0) rootQuad[r * nq + q] += k;
    precision[fl & 7] += k;
    if (fl & 8) unknown += k;
    if (fl & 16) fuzzy += k;
    if (fl & 32) context += k;
    if (sel !== null && inSelection(sel, F, i)) selected += k;
  }
  Object.assign(S, { events, dead: deadAll, goldSum, goldN, undated, unknown, fuzzy, context, point, countryOnly, selected });
  S.topDyads = topDyads(H, F, L, pass, S);
  return S;
}

// The top dyads (events with both a source and a target) and, for each, its series by bin (per QuadClass) and its top codes.
function topDyads(H, F, L, pass, S) {
  const nb = H.bins.labels.length, nq = 5, ids = [];
  for (let y = 0; y < S.dyadN.length; y++) if (S.dyadN[y] && L.dyadSrc[y] && L.dyadTgt[y]) ids.push(y);
  ids.sort((x, y) => S.dyadN[y] - S.dyadN[x] || L.dyadSrc[x] - L.dyadSrc[y] || L.dyadTgt[x] - L.dyadTgt[y]);
  const top = ids.slice(0, TOP_DYADS).map((y) => ({
    id: y, src: L.dyadSrc[y], tgt: L.dyadTgt[y], n: S.dyadN[y], gold: S.dyadGold[y], goldN: S.dyadGoldN[y],
    series: new Float64Array(nb * nq), codes: new Map(),
  }));
  if (!top.length) return top;
  const slot = new Int32Array(S.dyadN.length).fill(-1);
  top.forEach((d, k) => { slot[d.id] = k; });
  const { bin, ev, n } = F;
  for (let i = 0; i < F.length; i++) {
    const k = slot[L.dyad[i]];
    if (k < 0 || (pass !== null && !pass(F, i))) continue;
    const d = top[k], code = H.eventCodes[ev[i]];
    if (bin[i] !== UNDATED) d.series[bin[i] * nq + code.quad] += n[i];
    d.codes.set(code.code, (d.codes.get(code.code) || 0) + n[i]);
  }
  return top;
}

// The listed events of the selection (or, with no selection, none), under the filters; at most `limit`.
function listedEvents(H, L, st, limit) {
  const D = H.detail.columns, pass = makeFilter(st, L), rows = [];
  let matching = 0;
  for (let i = 0; i < D.date.length; i++) {
    if (!inSelection(st.sel, D, i) || (pass !== null && !pass(D, i))) continue;
    matching++;
    rows.push(i);
  }
  rows.sort((a, b) => (D.date[b] > D.date[a] ? 1 : D.date[b] < D.date[a] ? -1 : D.mentions[b] - D.mentions[a]));
  return { rows: rows.slice(0, limit), matching };
}
