#!/usr/bin/env node
// Converts the world-atlas npm package (Natural Earth country outlines as TopoJSON) into the compact,
// already projected JSON that CloudPortal's world map reads: themes/default/data/world-110m.json.
//
//   npm install --prefix /tmp/wa world-atlas@2.0.2 topojson-client@3.1.0 i18n-iso-countries@7.14.0
//   node tools/convert-world-atlas.mjs /tmp/wa [themes/default/data/world-110m.json]
//
// The first argument is the npm prefix the three packages were installed into (or its node_modules
// folder); nothing is imported from anywhere else, so the engine itself needs no Node at build time.
// The output depends only on the packages' contents: the same versions give a byte-identical file.
//
// What it does, and why:
// - Outlines come from countries-110m.json. 61 small countries and territories (Singapore, Hong Kong,
//   Bahrain, Malta, ...) are missing at that scale, and some matter to a portal about cloud regions,
//   so those are taken from countries-50m.json.
// - world-atlas keys countries by ISO 3166-1 numeric code; the map needs alpha-2, the code the site's
//   data uses. i18n-iso-countries carries the ISO numeric→alpha-2 table. Kosovo has no ISO code and is
//   mapped to XK, the user-assigned code CLDR/ICU (and so .NET's RegionInfo) use. Shapes with no code at
//   all (N. Cyprus, Somaliland) are kept under "unassigned", drawn but never shaded, so the map has no
//   holes and takes no side.
// - Antarctica is left out: no cloud market there, and it would take a tenth of the height.
// - Projection: Natural Earth I (Šavrič, Patterson, Jenny, Jenny 2011; the polynomial d3-geo uses),
//   central meridian 0, fitted to a width of 1000 with a margin of 5; the height follows from the
//   bounds of what is drawn. y grows downwards, as in SVG.
// - Polygons that cross the antimeridian (Fiji, Russia's Chukotka) are cut at ±180° into two pieces,
//   one at each edge of the map; world-atlas keeps them whole for d3-geo, which clips while drawing.
// - Coordinates are rounded to 0.1; consecutive points that round to the same point are dropped, and a
//   ring left with fewer than 3 points is dropped (a country whose every ring collapses keeps its
//   largest ring as is, so nothing disappears).
// - The label point is the area centroid of the country's largest projected polygon (outer ring less
//   holes); where that falls outside the polygon (a crescent-shaped country), it is moved to the middle
//   of the widest inside stretch of the horizontal line through it.

import { createRequire } from 'node:module';
import { writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const [, , prefixArg, outputArg = 'themes/default/data/world-110m.json'] = process.argv;
if (!prefixArg) {
  console.error('usage: node tools/convert-world-atlas.mjs NPM_PREFIX_OR_NODE_MODULES [OUTPUT_JSON]');
  process.exit(2);
}

const resolved = path.resolve(prefixArg);
const modules = path.basename(resolved) === 'node_modules' ? resolved : path.join(resolved, 'node_modules');
if (!existsSync(path.join(modules, 'world-atlas'))) {
  console.error(`world-atlas is not installed under ${modules}`);
  process.exit(2);
}

// Resolve packages from that folder only, not from wherever this script lives.
const require = createRequire(path.join(modules, 'resolve-from-here.js'));
const { feature } = require('topojson-client');
const isoCountries = require('i18n-iso-countries');
const atlasVersion = require('world-atlas/package.json').version;
const world110 = require('world-atlas/countries-110m.json');
const world50 = require('world-atlas/countries-50m.json');

const WIDTH = 1000;
const MARGIN = 5;

// Names world-atlas leaves without an ISO numeric id, and the alpha-2 code to use (null: none).
const CODES_BY_NAME = new Map([
  ['Kosovo', 'XK'],
  ['N. Cyprus', null],
  ['Somaliland', null],
]);
const EXCLUDED = new Set(['AQ']);

function alpha2(geometry) {
  if (geometry.id === undefined) {
    const name = geometry.properties.name;
    if (!CODES_BY_NAME.has(name)) {
      return undefined; // unknown: ignored (50m-only oddities such as "Siachen Glacier")
    }
    return CODES_BY_NAME.get(name);
  }
  const code = isoCountries.numericToAlpha2(geometry.id);
  if (!code) {
    throw new Error(`no alpha-2 code for ISO numeric ${geometry.id} (${geometry.properties.name})`);
  }
  return code;
}

// Natural Earth I, as in d3-geo's geoNaturalEarth1Raw; λ, φ in radians.
function naturalEarth1(lambda, phi) {
  const phi2 = phi * phi;
  const phi4 = phi2 * phi2;
  return [
    lambda * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4))),
    phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4))),
  ];
}

const RADIANS = Math.PI / 180;
const project = ([lon, lat]) => {
  const [x, y] = naturalEarth1(lon * RADIANS, lat * RADIANS);
  return [x, -y];
};

// Collect the countries: 110m first, then what only 50m has.
function polygonsOf(geometry) {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

// world-atlas 2 stores polygons that cross the antimeridian (Fiji, Chukotka) whole, as d3-geo expects,
// with an edge that jumps from +180° to -180°. Projected as they are, such an edge would draw a line
// across the world, so each such polygon is cut at ±180° into a western and an eastern piece.
const crossesAntimeridian = (ring) => ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180);

function unwrap(ring) {
  const out = [ring[0].slice()];
  for (let i = 1; i < ring.length; i++) {
    let delta = ring[i][0] - ring[i - 1][0];
    if (delta > 180) delta -= 360;
    if (delta < -180) delta += 360;
    out.push([out[i - 1][0] + delta, ring[i][1]]);
  }
  if (Math.abs(out[out.length - 1][0] - out[0][0]) > 1e-9) {
    throw new Error('a ring that goes round a pole (only Antarctica should, and it is left out)');
  }
  return out;
}

// Sutherland–Hodgman against the meridian lon = at, keeping the side where keep(lon) is true.
function clipAtMeridian(ring, at, keep) {
  const out = [];
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i];
    const q = ring[(i + 1) % ring.length];
    const pIn = keep(p[0]);
    const qIn = keep(q[0]);
    if (pIn) out.push(p);
    if (pIn !== qIn && p[0] !== at && q[0] !== at) {
      const t = (at - p[0]) / (q[0] - p[0]);
      out.push([at, p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

function cutAtAntimeridian(polygon) {
  if (!crossesAntimeridian(polygon[0])) return [polygon];
  if (polygon.length > 1) throw new Error('a polygon with holes crosses the antimeridian; cutting holes is not implemented');
  const ring = unwrap(polygon[0]);
  // Shift the unwrapped ring so that the antimeridian is at +180.
  const mean = ring.reduce((s, p) => s + p[0], 0) / ring.length;
  const shifted = mean < 0 ? ring.map(([x, y]) => [x + 360, y]) : ring;
  const west = clipAtMeridian(shifted, 180, (x) => x <= 180);
  const east = clipAtMeridian(shifted, 180, (x) => x >= 180).map(([x, y]) => [x - 360, y]);
  return [west, east].filter((r) => r.length >= 3).map((r) => [r]);
}

const countries = new Map(); // code → { name, scale, polygons (projected, unscaled) }
const unassigned = [];
function collect(topology, scale, onlyNew) {
  for (const f of feature(topology, topology.objects.countries).features) {
    const code = alpha2(f);
    if (code === undefined || EXCLUDED.has(code)) continue;
    const polygons = polygonsOf(f.geometry).flatMap(cutAtAntimeridian).map((rings) => rings.map((ring) => ring.map(project)));
    if (code === null) {
      if (!onlyNew) unassigned.push({ name: f.properties.name, scale, polygons });
      continue;
    }
    if (countries.has(code)) {
      if (onlyNew) continue;
      throw new Error(`two shapes for ${code} in the ${scale} data`);
    }
    countries.set(code, { name: f.properties.name, scale, polygons });
  }
}
collect(world110, '110m', false);
const from110 = new Set(countries.keys());
collect(world50, '50m', true);
for (const code of from110) if (countries.get(code).scale !== '110m') throw new Error(code);

// Fit to the width; the height follows from the bounds.
let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
for (const shape of [...countries.values(), ...unassigned]) {
  for (const polygon of shape.polygons) for (const ring of polygon) for (const [x, y] of ring) {
    minX = Math.min(minX, x); maxX = Math.max(maxX, x);
    minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
}
const k = (WIDTH - 2 * MARGIN) / (maxX - minX);
const HEIGHT = Math.ceil((maxY - minY) * k + 2 * MARGIN);
const toTenths = ([x, y]) => [Math.round(((x - minX) * k + MARGIN) * 10), Math.round(((y - minY) * k + MARGIN) * 10)];

// Rings in integer tenths, so rounding happens once and comparisons are exact.
function roundRing(ring) {
  const out = [];
  for (const p of ring) {
    const q = toTenths(p);
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  if (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  return out;
}

function ringArea(ring) {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return sum / 2;
}

const number = (tenths) => {
  const sign = tenths < 0 ? '-' : '';
  const a = Math.abs(tenths);
  return a % 10 === 0 ? `${sign}${a / 10}` : `${sign}${Math.floor(a / 10)}.${a % 10}`;
};

function pathOf(polygons) {
  let d = '';
  for (const polygon of polygons) for (const ring of polygon) {
    d += 'M' + ring.map(([x, y]) => `${number(x)} ${number(y)}`).join(' ') + 'Z';
  }
  return d;
}

function roundShape(shape) {
  const rounded = shape.polygons
    .map((polygon) => polygon.map(roundRing).filter((ring) => ring.length >= 3))
    .filter((polygon) => polygon.length > 0);
  if (rounded.length > 0) return rounded;
  // Every ring collapsed (a speck of an island at this size): keep the largest one, as it rounds.
  const rings = shape.polygons.map((polygon) => roundRing(polygon[0]));
  rings.sort((a, b) => b.length - a.length);
  return [[rings[0]]];
}

function insideRing(ring, x, y) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const insidePolygon = (polygon, x, y) => polygon.reduce((acc, ring) => acc !== insideRing(ring, x, y), false);

// Label point from the unrounded projected polygon (in tenths, as floats) for accuracy.
function labelOf(shape) {
  const scaled = shape.polygons.map((polygon) =>
    polygon.map((ring) => ring.map(([x, y]) => [((x - minX) * k + MARGIN) * 10, ((y - minY) * k + MARGIN) * 10])));
  const area = (polygon) => Math.abs(ringArea(polygon[0])) - polygon.slice(1).reduce((s, r) => s + Math.abs(ringArea(r)), 0);
  let largest = scaled[0];
  for (const polygon of scaled) if (area(polygon) > area(largest)) largest = polygon;

  let cx = 0, cy = 0, total = 0;
  largest.forEach((ring, index) => {
    const sign = index === 0 ? 1 : -1; // holes subtract
    const a = ringArea(ring);
    const orientation = Math.sign(a) || 1;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      cx += sign * orientation * (ring[j][0] + ring[i][0]) * cross;
      cy += sign * orientation * (ring[j][1] + ring[i][1]) * cross;
    }
    total += sign * Math.abs(a);
  });
  if (total <= 0) {
    const [x, y] = largest[0][0];
    return [Math.round(x), Math.round(y)];
  }
  cx /= 6 * total;
  cy /= 6 * total;
  if (!insidePolygon(largest, cx, cy)) {
    // Widest inside stretch of the horizontal line through the centroid.
    const xs = [];
    for (const ring of largest) for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if ((yi > cy) !== (yj > cy)) xs.push(((xj - xi) * (cy - yi)) / (yj - yi) + xi);
    }
    xs.sort((a, b) => a - b);
    let best = -1;
    for (let i = 0; i + 1 < xs.length; i += 2) {
      if (xs[i + 1] - xs[i] > best) { best = xs[i + 1] - xs[i]; cx = (xs[i] + xs[i + 1]) / 2; }
    }
  }
  return [Math.round(cx), Math.round(cy)];
}

const lines = [];
for (const code of [...countries.keys()].sort()) {
  const shape = countries.get(code);
  const [lx, ly] = labelOf(shape);
  const entry = { name: shape.name, scale: shape.scale, label: [Number(number(lx)), Number(number(ly))], d: pathOf(roundShape(shape)) };
  lines.push(`${JSON.stringify(code)}:${JSON.stringify(entry)}`);
}
const others = unassigned
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  .map((shape) => JSON.stringify({ name: shape.name, scale: shape.scale, d: pathOf(roundShape(shape)) }));

const header = {
  source: `world-atlas ${atlasVersion}: Natural Earth 1:110m countries, and 1:50m for those missing at 1:110m. Public domain.`,
  generator: 'tools/convert-world-atlas.mjs',
  projection: 'Natural Earth I, central meridian 0, fitted to width 1000 with a margin of 5; Antarctica left out',
  viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
  width: WIDTH,
  height: HEIGHT,
};
const headerText = JSON.stringify(header);
const text = `${headerText.slice(0, -1)},\n"countries":{\n${lines.join(',\n')}\n},\n"unassigned":[\n${others.join(',\n')}\n]}\n`;
JSON.parse(text); // fail here, not in the engine, if the hand-joined JSON is broken
writeFileSync(outputArg, text);
console.log(`${outputArg}: ${countries.size} countries (${countries.size - from110.size} from 1:50m), ${unassigned.length} unassigned, viewBox ${header.viewBox}, ${Buffer.byteLength(text)} bytes`);
