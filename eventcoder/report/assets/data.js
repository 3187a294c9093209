"use strict";
// Reading the data blob (see eventcoder/report/encode.py), lookups by index, and the page state.

const QUADS = ["unknown class", "Verbal cooperation", "Material cooperation", "Verbal conflict", "Material conflict"];
const QUAD_COLOURS = ["#999999", "#4e9a06", "#3465a4", "#f5a623", "#cc0000"];
const PRECISIONS = ["day", "week", "month", "year", "no date"];
const UNDATED = 65535;

async function readBlob(text) {
  const bytes = base64Bytes(text.trim());
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  const buffer = await new Response(stream).arrayBuffer();
  const size = new DataView(buffer).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, size)));
  const base = 4 + size;
  const kinds = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array };
  const facts = {};
  for (const c of header.columns) facts[c.name] = new kinds[c.type](buffer, base + c.offset, c.length);
  facts.length = header.columns.length ? header.columns[0].length : 0;
  return { H: header, F: facts };
}

function base64Bytes(text) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(text);
  const chars = atob(text), bytes = new Uint8Array(chars.length);
  for (let i = 0; i < chars.length; i++) bytes[i] = chars.charCodeAt(i);
  return bytes;
}

// Lookups from dimension indices to what the filters and panels need; each fact row's dyad as a dense id.
function buildLookups(H, F) {
  const roots = H.roots.map((r) => r.root);
  const evRoot = Int16Array.from(H.eventCodes, (e) => roots.indexOf(e.root));
  const evQuad = Uint8Array.from(H.eventCodes, (e) => e.quad || 0);
  const evGold = Float64Array.from(H.eventCodes, (e) => (e.goldstein == null ? NaN : e.goldstein));
  const codeCountry = Uint16Array.from(H.codes, (c) => c.country || 0);
  const placeCountry = Uint16Array.from(H.places, (p) => p.country || 0);
  const placeHasPoint = Uint8Array.from(H.places, (p) => (p.x == null ? 0 : 1));
  const codeByName = new Map(H.codes.map((c, k) => [c.code, k]));
  const countryByIso = new Map(H.countries.map((c, k) => [c.iso3, k]));
  const ids = new Map(), dyad = new Uint32Array(F.length), dyadSrc = [], dyadTgt = [];
  for (let i = 0; i < F.length; i++) {
    const key = F.src[i] * 65536 + F.tgt[i];
    let id = ids.get(key);
    if (id === undefined) { id = dyadSrc.length; ids.set(key, id); dyadSrc.push(F.src[i]); dyadTgt.push(F.tgt[i]); }
    dyad[i] = id;
  }
  return { roots, evRoot, evQuad, evGold, codeCountry, placeCountry, placeHasPoint, codeByName, countryByIso,
    dyad, dyadSrc: Uint16Array.from(dyadSrc), dyadTgt: Uint16Array.from(dyadTgt) };
}

// The state: a date range (bin indices), a country, an actor, a root, and a selection whose events are listed.
function emptyState(H) {
  return { from: 0, to: Math.max(0, H.bins.labels.length - 1), dates: false, country: 0, actor: null, root: -1, sel: null };
}

function actorKey(a) { return a ? (a.named ? "n:" : "c:") + a.idx : ""; }

function stateToHash(st, H, L) {
  const p = new URLSearchParams();
  if (st.dates) { p.set("from", H.bins.labels[st.from]); p.set("to", H.bins.labels[st.to]); }
  if (st.country) p.set("country", H.countries[st.country].iso3);
  if (st.actor) p.set("actor", st.actor.named ? "n:" + H.named[st.actor.idx].name : "c:" + H.codes[st.actor.idx].code);
  if (st.root >= 0) p.set("root", L.roots[st.root]);
  if (st.sel && st.sel.kind === "dyad") p.set("dyad", H.codes[st.sel.src].code + ">" + H.codes[st.sel.tgt].code);
  if (st.sel && st.sel.kind === "place") p.set("place", String(st.sel.place));
  const text = p.toString();
  return text ? "#" + text : "";
}

function stateFromHash(hash, H, L) {
  const st = emptyState(H);
  const p = new URLSearchParams(hash.replace(/^#/, ""));
  const labels = H.bins.labels;
  if (p.has("from") || p.has("to")) {
    const a = labels.indexOf(p.get("from")), b = labels.indexOf(p.get("to"));
    st.from = a >= 0 ? a : 0; st.to = b >= 0 ? b : labels.length - 1; st.dates = labels.length > 0;
    if (st.from > st.to) [st.from, st.to] = [st.to, st.from];
  }
  const country = L.countryByIso.get(p.get("country") || "");
  if (country) st.country = country;
  const actor = p.get("actor") || "";
  if (actor.startsWith("c:") && L.codeByName.has(actor.slice(2))) st.actor = { named: false, idx: L.codeByName.get(actor.slice(2)) };
  if (actor.startsWith("n:")) {
    const idx = H.named.findIndex((n, k) => k > 0 && n.name === actor.slice(2));
    if (idx > 0) st.actor = { named: true, idx };
  }
  if (p.has("root")) st.root = L.roots.indexOf(p.get("root"));
  const dyad = (p.get("dyad") || "").split(">");
  if (dyad.length === 2 && L.codeByName.has(dyad[0]) && L.codeByName.has(dyad[1])) {
    st.sel = { kind: "dyad", src: L.codeByName.get(dyad[0]), tgt: L.codeByName.get(dyad[1]) };
  }
  const place = Number(p.get("place"));
  if (p.has("place") && place > 0 && place < H.places.length) st.sel = { kind: "place", place };
  return st;
}

// One predicate for fact rows and listed events alike: does row i of `cols` pass the filters? (null: no filter)
function makeFilter(st, L) {
  const { from, to, dates, country, actor, root } = st;
  if (!dates && !country && !actor && root < 0) return null;
  return function (cols, i) {
    const b = cols.bin[i];
    if (dates && (b === UNDATED || b < from || b > to)) return false;
    if (root >= 0 && L.evRoot[cols.ev[i]] !== root) return false;
    if (country && L.placeCountry[cols.place[i]] !== country && L.codeCountry[cols.src[i]] !== country
        && L.codeCountry[cols.tgt[i]] !== country) return false;
    if (actor) {
      if (actor.named ? cols.srcn[i] !== actor.idx && cols.tgtn[i] !== actor.idx
                      : cols.src[i] !== actor.idx && cols.tgt[i] !== actor.idx) return false;
    }
    return true;
  };
}

function inSelection(sel, cols, i) {
  if (!sel) return false;
  if (sel.kind === "dyad") return cols.src[i] === sel.src && cols.tgt[i] === sel.tgt;
  return cols.place[i] === sel.place;
}

function esc(value) {
  return String(value == null ? "" : value).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function fmt(n) { return Number(n).toLocaleString("en-US"); }
function pct(part, whole) { return whole ? (100 * part / whole).toFixed(1) + "%" : "–"; }
function gold(sum, n) { return n && !isNaN(sum) ? (sum / n >= 0 ? "+" : "") + (sum / n).toFixed(1) : ""; }
