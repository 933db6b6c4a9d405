// net/backprop-network.js: the entry of dist/backprop-network.js, one file:
// the network's WebAssembly module travels inside it (deflated, base64, as
// backprop-graph.js carries the core), restored by DecompressionStream.
import WASM from 'backprop:net-wasm';
import CSS from './net-element.css';
import {instantiateNet} from './net-core.js';
import {packedResponse} from '../core/packed.js';
import {defineBackpropNetwork} from './net-element.js';

export const BackpropNetwork = defineBackpropNetwork({loadNet: () => instantiateNet(packedResponse(WASM)), css: CSS});
