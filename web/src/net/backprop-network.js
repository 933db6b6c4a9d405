// net/backprop-network.js: the entry of dist/backprop-network.js, one file:
// the network's WebAssembly module travels inside it (deflated, base64, as
// backprop-graph.js carries the core), restored by DecompressionStream.
import WASM from 'backprop:net-wasm';
import CSS from './net-element.css';
import {instantiateNet} from './net-core.js';
import {defineBackpropNetwork} from './net-element.js';

function wasmResponse() {
  const text = atob(WASM);
  const packed = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) packed[i] = text.charCodeAt(i);
  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream, {headers: {'Content-Type': 'application/wasm'}});
}

export const BackpropNetwork = defineBackpropNetwork({loadNet: () => instantiateNet(wasmResponse()), css: CSS});
