// (c) TypeScript against the package's types: properties, events and their
// detail, and the tag in HTMLElementTagNameMap.
import 'backprop-viz';
import type {BackpropGraph, BackpropGraphDetail} from 'backprop-viz';

const figure = document.createElement('backprop-graph'); // typed BackpropGraph by the tag map
figure.id = 'typed';
figure.graph = 'sigmoid';
figure.x = 0.5; // numbers are written as attributes
figure.dout = 1;
figure.step = 'end';
figure.controls = 'minimal';
figure.autoplay = false;

const output = document.querySelector('output')!;
figure.addEventListener('change', (event) => {
  const detail: BackpropGraphDetail = event.detail;
  const y: number = detail.trace.output;
  const dx: number | null = detail.trace.grads.x;
  const step: number = detail.step;
  output.value = `${y} ${dx} ${step}/${detail.count}`;
  output.dataset.keys = Object.keys(detail).sort().join(',');
});
figure.addEventListener('ready', function (this: BackpropGraph, event) {
  const nodes = event.detail.trace.nodes.map((n) => n.op).join(',');
  document.body.dataset.ready = `${nodes} ${this.currentStep}`;
});
const found: BackpropGraph | null = document.querySelector('backprop-graph');
void found;
document.querySelector('main')!.append(figure);

// Misuse the compiler must refuse: were the types `any`, each directive
// would be unused, which tsc reports as an error. (Never called.)
export function misuse(other: BackpropGraph): void {
  // @ts-expect-error: x takes a number or text, not a boolean
  other.x = true;
  // @ts-expect-error: the detail has no such field
  other.addEventListener('change', (event) => event.detail.gradient);
  // @ts-expect-error: the trace is read-only
  other.trace = null;
  // @ts-expect-error: autoplay is a boolean
  other.autoplay = 'yes';
  // @ts-expect-error: the tag map gives a BackpropGraph, which has no such method
  document.createElement('backprop-graph').play();
}
