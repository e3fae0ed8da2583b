// check.js - factgraph's exports loaded by JavaScript clients in Node:
// graphology with graphology-graphml and graphology-gexf, and cytoscape
// (headless). Installed from package-lock.json by `make test` (npm ci).
//
// usage: node check.js fixture DIR   the files tests/tools/fg_fixture writes
//        node check.js samples DIR   factgraph build -f json -f graphml -f gexf
//                                    -f cytoscape -o DIR, and DIR/graph-1.2draft.gexf
//
// fixture: counts, the facts, the hostile names (keep in step with
// fg_fixture.c and tests/e2e/clients_fixture.py). samples: every client sees
// the nodes and facts that graph.json (node-link) holds, and a fact the
// articles state. Last line "N passed, M failed"; exit status 1 on a failure.
'use strict';
const fs = require('fs');
const path = require('path');
const Graph = require('graphology');
const graphml = require('graphology-graphml');
const gexf = require('graphology-gexf');
const cytoscape = require('cytoscape');

const [mode, dir] = process.argv.slice(2);
if (!['fixture', 'samples'].includes(mode) || !dir) {
  console.error('usage: node check.js fixture|samples DIR');
  process.exit(2);
}
const read = (f) => fs.readFileSync(path.join(dir, f), 'utf8');

let passed = 0;
let failed = 0;
function check(what, fn) {
  try {
    fn();
    passed++;
    console.log(`PASS ${what}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${what}: ${e.message}`);
  }
}
function eq(got, want, what) {
  const g = JSON.stringify(got);
  const w = JSON.stringify(want);
  if (g !== w) throw new Error(`${what}: got ${g}, want ${w}`);
}
function ok(cond, what) {
  if (!cond) throw new Error(what);
}

// ---- what each client sees, as plain lists ------------------------------

// [{name, type}] and [[source name, relation, target name, weight]], sorted.
function sorted(list) {
  return list.map((x) => JSON.stringify(x)).sort().map((s) => JSON.parse(s));
}

function fromGraphology(g) {
  const name = (k) => g.getNodeAttribute(k, 'label');
  const nodes = g.mapNodes((k, a) => ({name: a.label, type: a.type}));
  const facts = g.mapEdges((k, a, s, t) => [name(s), a.relation, name(t), Number(a.weight)]);
  return {nodes: sorted(nodes), facts: sorted(facts)};
}

function fromCytoscape(cy) {
  const nodes = cy.nodes().map((n) => ({name: n.data('name'), type: n.data('type')}));
  const facts = cy.edges().map((e) => [e.source().data('name'), e.data('relation'),
    e.target().data('name'), Number(e.data('weight'))]);
  return {nodes: sorted(nodes), facts: sorted(facts)};
}

function fromNodeLink(data) {
  return {
    nodes: sorted(data.nodes.map((n) => ({name: n.id, type: n.type}))),
    facts: sorted(data.links.map((l) => [l.source, l.key, l.target, l.weight])),
  };
}

const clients = {
  'graphology-graphml graph.graphml': () => fromGraphology(graphml.parse(Graph, read('graph.graphml'))),
  'graphology-gexf graph.gexf (1.3)': () => fromGraphology(gexf.parse(Graph, read('graph.gexf'))),
  'graphology-gexf graph-1.2draft.gexf': () =>
    fromGraphology(gexf.parse(Graph, read('graph-1.2draft.gexf'))),
  'cytoscape graph.cyjs': () =>
    fromCytoscape(cytoscape({headless: true, elements: JSON.parse(read('graph.cyjs')).elements})),
};
const isXml = (what) => !what.startsWith('cytoscape');

// ---- fixture ------------------------------------------------------------

function fixture() {
  // Keep in step with tests/tools/fg_fixture.c.
  const HOSTILE = 'AT&T "Ma Bell" <US> 東京\\';
  const QUOTE = 'A "B" <C> & D\\';
  const CTRL = 'ctl\u0001char';
  const NEWLINE = 'line1\nline2';
  const EMOJI = 'Rocket \u{1F680} \\N';
  const RTL = 'أرامكو السعودية';
  const types = {
    'NVIDIA': 'company', 'H20': 'chip', 'ByteDance': 'company', 'United States': 'government',
    'Jensen Huang': 'person', [HOSTILE]: 'organization', [QUOTE]: 'company', [CTRL]: 'company',
    [NEWLINE]: 'person', [EMOJI]: 'model', [RTL]: 'company',
  };
  const facts = [
    ['NVIDIA', 'develops', 'H20', 2], ['ByteDance', 'orders', 'H20', 1],
    ['NVIDIA', 'supplies', 'ByteDance', 1], ['NVIDIA', 'partners', 'ByteDance', 1],
    ['United States', 'bans', 'H20', 1], ['Jensen Huang', 'leads', 'NVIDIA', 1],
    [HOSTILE, 'funds', 'ByteDance', 1], [QUOTE, 'partners', 'NVIDIA', 1],
    [NEWLINE, 'leads', CTRL, 1], [EMOJI, 'uses', 'H20', 1], [RTL, 'funds', QUOTE, 1],
  ];
  // XML 1.0 cannot carry U+0001: the writers put U+FFFD there.
  const xml = (s) => s.replace(/\u0001/g, '\uFFFD');
  for (const [what, load] of Object.entries(clients)) {
    check(`${what}: 11 nodes, 11 facts, every name`, () => {
      const seen = load();
      const conv = isXml(what) ? xml : (s) => s;
      eq(seen.nodes, sorted(Object.entries(types).map(([n, t]) => ({name: conv(n), type: t}))),
        'nodes');
      eq(seen.facts, sorted(facts.map(([s, r, t, w]) => [conv(s), r, conv(t), w])), 'facts');
    });
  }
  check('graphology-graphml: Gephi colour and size, parallel edges', () => {
    const g = graphml.parse(Graph, read('graph.graphml'));
    ok(g.multi && g.type === 'directed', `graph type ${g.type}, multi ${g.multi}`);
    const nv = g.findNode((k, a) => a.label === 'NVIDIA');
    eq(g.getNodeAttribute(nv, 'color'), '#4e79a7', 'NVIDIA colour from r, g, b');
    const size = g.getNodeAttribute(nv, 'size');
    ok(size >= 10 && size <= 50, `NVIDIA size ${size}`);
    const bd = g.findNode((k, a) => a.label === 'ByteDance');
    eq(g.edges(nv, bd).map((e) => g.getEdgeAttribute(e, 'relation')).sort(),
      ['partners', 'supplies'], 'two types between one pair');
  });
  check('graphology-gexf 1.3: viz colour, kind, evidence with a line break', () => {
    const g = gexf.parse(Graph, read('graph.gexf'));
    ok(g.multi, 'not a multigraph');
    const nv = g.findNode((k, a) => a.label === 'NVIDIA');
    eq(g.getNodeAttribute(nv, 'color'), 'rgb(78,121,167)', 'NVIDIA viz:color');
    const dev = g.findEdge((k, a) => a.relation === 'develops');
    eq(g.getEdgeAttribute(dev, 'kind'), 'develops', 'kind');
    eq(JSON.parse(g.getEdgeAttribute(dev, 'evidence')).map((e) => e.doc), ['a.txt', 'b.txt'],
      'develops evidence');
    const rtl = g.findEdge((k, a, s) => g.getNodeAttribute(s, 'label') === RTL);
    eq(JSON.parse(g.getEdgeAttribute(rtl, 'evidence'))[0].text, 'line one\tA\nline two',
      'TAB and line break kept in an attribute');
  });
  check('cytoscape: amount, status, ids unique', () => {
    const cy = cytoscape({headless: true, elements: JSON.parse(read('graph.cyjs')).elements});
    const orders = cy.edges().filter((e) => e.data('relation') === 'orders')[0];
    eq([orders.data('amount'), orders.data('currency')], [16000000000, 'USD'], 'orders amount');
    eq(cy.edges().filter((e) => e.data('relation') === 'bans')[0].data('status'), 'considered',
      'bans status');
    const ids = cy.elements().map((e) => e.id());
    eq(new Set(ids).size, ids.length, 'unique ids');
  });
}

// ---- samples ------------------------------------------------------------

function samples() {
  const truth = fromNodeLink(JSON.parse(read('graph.json')));
  ok(truth.nodes.length > 30 && truth.facts.length > 30, 'samples give a real graph');
  for (const [what, load] of Object.entries(clients)) {
    check(`${what}: the nodes and facts of graph.json`, () => {
      const seen = load();
      eq(seen.nodes.length, truth.nodes.length, 'node count');
      eq(seen.facts.length, truth.facts.length, 'fact count');
      eq(seen.nodes, truth.nodes, 'nodes');
      eq(seen.facts, truth.facts, 'facts');
      // ja_01: 騰訊控股が…「H20」を…発注
      ok(seen.facts.some(([s, r, t]) => s === 'Tencent' && r === 'orders' && t === 'H20'),
        'Tencent -orders-> H20 missing');
    });
  }
}

if (mode === 'fixture') fixture();
else samples();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
