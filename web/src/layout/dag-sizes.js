// layout/dag-sizes.js: the sizes and limits of the layered layout (dag.js),
// in one place for all its phases.

export const DAG_SIZES = {
  radius: 24, // an op node's circle
  constRadius: 14, // a constant's
  minPitch: 122, // between layers: two radii and an edge that fits "−0.3875"
  maxPitch: 190,
  gapAcross: 38, // between the rims of two nodes in one layer
  gap: 6, // half the distance between an edge's two arrows
  labelOffset: 8,
  margin: 14,
  labelRoom: 26, // above the top row and below the bottom row, for edge labels
  bow: 46, // how far parallel edges between the same two nodes bow apart
  port: 22, // between the ends of two edges on one node's rim
};
// The box kept for an edge's label ("−0.3875" in 16 px bold, with a little
// air).
export const LABEL_BOX = {width: 68, height: 19};
// Beyond this many nodes, only the active step's edges are labelled.
export const LABEL_LIMIT = 120;
// Drawn no smaller than this (labels stay about 11 px); wider, it scrolls.
export const MIN_SCALE = 0.7;
// Sweeps each way: of the order within layers, then of the positions across.
export const SWEEPS = 4;
// The dashed length, in px, that one drawing's backward arrows share
// (graph.css dashes them 5 on, 4 off): the browser dashes a curve along its
// whole length each time it paints any part of it, so a long fan-out (x
// used a thousand times, its arrows reaching across the graph) would cost
// seconds a frame. A drawing within the budget is dashed exactly; beyond
// it the longest arrows' dashes are stretched (dag-edges.js), down to one
// dash pattern every DASH_FLOOR px of the arrow's own length at the least.
export const DASH_BUDGET = 100000;
export const DASH_FLOOR = 90;
