// (a) A page's script, bundled by esbuild: the element comes from the package.
import 'backprop-viz';

const figure = document.createElement('backprop-graph');
figure.id = 'bundled';
figure.setAttribute('graph', 'sigmoid');
figure.setAttribute('x', '0.5');
document.querySelector('main').append(figure);
