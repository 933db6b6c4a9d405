// state.js: the one grammar of the page's hash, share links, the element's
// attributes and the iframe's hash. Tables of cases, expected values written
// out by hand.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {MATRICES} from '../../web/src/model/matrix.js';
import {GRAPHS, VIEWS, LAYERS, ELEMENT_KEYS, parseValue, readState, writeState, hashPairs, elementAttributes, defaultState,
  resolveStep} from '../../web/src/model/state.js';

const ok = (value) => ({ok: true, value});
const bad = (code, params) => ({ok: false, code, params});
const LONG = 'x+'.repeat(2047) + 'x'; // 4095 characters: within the core's 4096

// [host, key, text, result]
const VALUES = [
  ['page', 'graph', 'relu', ok('relu')],
  ['page', 'graph', 'sigmoid', ok('sigmoid')],
  ['page', 'graph', 'sigmoid-steps', ok('sigmoid-steps')],
  ['page', 'graph', 'both', ok('both')],
  ['page', 'graph', 'expr', ok('expr')],
  ['page', 'graph', ' relu\n', ok('relu')],
  ['page', 'graph', 'tanh', bad('badGraph', {name: 'graph', text: 'tanh'})],
  ['page', 'graph', 'ReLU', bad('badGraph', {name: 'graph', text: 'ReLU'})],
  ['element', 'graph', 'sigmoid-steps', ok('sigmoid-steps')],
  ['element', 'graph', 'both', bad('badGraph', {name: 'graph', text: 'both'})],
  ['element', 'graph', 'expr', bad('badGraph', {name: 'graph', text: 'expr'})],

  ['page', 'x', '0.5', ok(0.5)],
  ['page', 'x', ' -2 ', ok(-2)],
  ['page', 'x', '\u22122.5', ok(-2.5)],
  ['page', 'x', '-0', ok(-0)],
  ['page', 'x', '\u22120', ok(-0)],
  ['page', 'x', 'NaN', ok(NaN)],
  ['page', 'x', 'inf', ok(Infinity)],
  ['page', 'x', '-Infinity', ok(-Infinity)],
  ['page', 'x', '1e-320', ok(1e-320)],
  ['page', 'x', '1e-400', ok(0)],
  ['page', 'x', '.5e+3', ok(500)],
  ['page', 'x', '0,5', bad('badNumber', {name: 'x', text: '0,5', reason: 'decimal-comma'})],
  ['page', 'x', '', bad('badNumber', {name: 'x', text: '', reason: 'empty'})],
  ['page', 'x', '1e999', bad('badNumber', {name: 'x', text: '1e999', reason: 'too-large'})],
  ['page', 'x', '0x10', bad('badNumber', {name: 'x', text: '0x10', reason: 'not-a-number'})],
  ['page', 'x', '2e', bad('badNumber', {name: 'x', text: '2e', reason: 'no-exponent-digits'})],
  ['element', 'dout', '2.5e-7', ok(2.5e-7)],
  ['element', 'dout', 'abc', bad('badNumber', {name: 'dout', text: 'abc', reason: 'not-a-number'})],

  ['page', 'step', '0', ok(0)],
  ['page', 'step', '7', ok(7)],
  ['page', 'step', '007', ok(7)],
  ['page', 'step', '999999', ok(999999)],
  ['page', 'step', 'end', ok(null)],
  ['element', 'step', ' end ', ok(null)],
  ['page', 'step', '1000000', bad('badStep', {name: 'step', text: '1000000'})],
  ['page', 'step', '-1', bad('badStep', {name: 'step', text: '-1'})],
  ['page', 'step', '1.5', bad('badStep', {name: 'step', text: '1.5'})],
  ['page', 'step', '+3', bad('badStep', {name: 'step', text: '+3'})],
  ['page', 'step', 'END', bad('badStep', {name: 'step', text: 'END'})],
  ['page', 'step', '', bad('badStep', {name: 'step', text: ''})],

  ['page', 'expr', '(x+y)*z', ok('(x+y)*z')],
  ['page', 'expr', ' x * 2 ', ok(' x * 2 ')], // as typed
  ['page', 'expr', LONG, ok(LONG)],
  ['page', 'expr', ' \t', bad('emptyExpr', {name: 'expr', text: ' \t'})],
  ['element', 'expr', '', bad('emptyExpr', {name: 'expr', text: ''})],
  // What an expression may hold, and its 4096-byte limit, are the core's to say (with a column).
  ['page', 'expr', 'x'.repeat(4097), ok('x'.repeat(4097))],
  ['element', 'expr', '(x+', ok('(x+')],

  ['page', 'vars', 'x=-2,y=5,z=-4', ok({x: -2, y: 5, z: -4})],
  ['element', 'vars', ' w0 = 2 , _b=\u22121e-3 ', ok({w0: 2, _b: -0.001})],
  ['page', 'vars', 'x=-0,y=NaN,z=-inf', ok({x: -0, y: NaN, z: -Infinity})],
  ['page', 'vars', '', ok({})],
  ['page', 'vars', 'x=1,,y=2,', ok({x: 1, y: 2})],
  ['page', 'vars', 'x=1,x=2', ok({x: 2})],
  // Names as the core reads them: at most 23 characters.
  ['page', 'vars', 'a2345678901234567890123=1', ok({a2345678901234567890123: 1})],
  ['page', 'vars', 'a23456789012345678901234=1', bad('badVars', {name: 'vars', text: 'a23456789012345678901234=1', item: 'a23456789012345678901234=1'})],
  ['page', 'vars', 'x:1', bad('badVars', {name: 'vars', text: 'x:1', item: 'x:1'})],
  ['element', 'vars', 'x=1;y=2', bad('badVars', {name: 'vars', text: 'x=1;y=2', item: 'x=1;y=2'})],
  ['page', 'vars', 'x=1,2y=3', bad('badVars', {name: 'vars', text: 'x=1,2y=3', item: '2y=3'})],
  ['page', 'vars', 'x=abc', bad('badVars', {name: 'vars', text: 'x=abc', item: 'x=abc'})],
  ['page', 'vars', 'x=0,5', bad('badVars', {name: 'vars', text: 'x=0,5', item: '5'})],
  ['page', 'vars', '=1', bad('badVars', {name: 'vars', text: '=1', item: '=1'})],
  ['page', 'vars', 'x=', bad('badVars', {name: 'vars', text: 'x=', item: 'x='})],

  ['page', 'expand', '1', ok(true)],
  ['page', 'expand', '0', ok(false)],
  ['page', 'expand', 'yes', bad('badChoice', {name: 'expand', text: 'yes', choices: '0, 1'})],
  ['page', 'precise', '1', ok(true)],
  ['page', 'precise', 'true', bad('badChoice', {name: 'precise', text: 'true', choices: '0, 1'})],
  ['page', 'plot', 'x0', ok('x0')],
  ['page', 'plot', '0x', bad('badName', {name: 'plot', text: '0x'})],
  ['page', 'speed', '0.5', ok(0.5)],
  ['page', 'speed', '4', ok(4)],
  ['page', 'speed', '3', bad('badChoice', {name: 'speed', text: '3', choices: '0.5, 1, 2, 4'})],
  ['page', 'speed', 'fast', bad('badChoice', {name: 'speed', text: 'fast', choices: '0.5, 1, 2, 4'})],

  ['page', 'lang', 'ko', ok('ko')],
  ['element', 'lang', 'ko-KR', ok('ko')],
  ['element', 'lang', ' EN ', ok('en')],
  ['page', 'lang', 'fr', bad('badChoice', {name: 'lang', text: 'fr', choices: 'en, ko'})],
  ['element', 'lang', '<b>ko</b>', bad('badChoice', {name: 'lang', text: '<b>ko</b>', choices: 'en, ko'})],

  ['element', 'controls', 'minimal', ok('minimal')],
  ['element', 'controls', ' none ', ok('none')],
  ['element', 'controls', 'all', bad('badChoice', {name: 'controls', text: 'all', choices: 'full, minimal, none'})],
  ['element', 'theme', 'dark', ok('dark')],
  ['element', 'theme', 'blue', bad('badChoice', {name: 'theme', text: 'blue', choices: 'auto, light, dark'})],
  ['element', 'autoplay', '', ok(true)],
  ['element', 'app', 'https://example.org/viz/', ok('https://example.org/viz/')],
  ['element', 'panels', 'check,plot', ok(['check', 'plot'])],
  ['element', 'panels', ' plot , check,plot ', ok(['check', 'plot'])],
  ['element', 'panels', 'plot', ok(['plot'])],
  ['element', 'panels', '', ok([])],
  ['element', 'panels', 'check,chart', bad('badChoice', {name: 'panels', text: 'check,chart', choices: 'check, plot'})],
  ['page', 'panels', 'check', bad('unknownKey', {name: 'panels', text: 'check'})],
  // The code view and Fig. 7's form: on both hosts (a figure's link opens the page with them).
  ['element', 'code', ' python ', ok('python')],
  ['page', 'code', 'c', ok('c')],
  ['element', 'code', 'C', bad('badChoice', {name: 'code', text: 'C', choices: 'python, c'})],
  ['element', 'fig7', '', ok(true)],
  ['page', 'fig7', '0', ok(false)],
  ['page', 'fig7', '1', ok(true)],
  ['page', 'fig7', '2', bad('badChoice', {name: 'fig7', text: '2', choices: '0, 1'})], // (read as 1 before)

  // Layer mode: a layer's name, its matrices (model/matrix.js's grammar), labels, the lesson's flag.
  ['page', 'layer', 'softmax-loss', ok('softmax-loss')],
  ['element', 'layer', ' affine ', ok('affine')],
  ['element', 'layer', 'Affine', bad('badChoice', {name: 'layer', text: 'Affine', choices: 'relu, sigmoid, affine, softmax-loss'})],
  ['element', 'layer', 'dropout', bad('badChoice', {name: 'layer', text: 'dropout', choices: 'relu, sigmoid, affine, softmax-loss'})],
  ['element', 'w', '0.1,0.3,0.5;0.2,0.4,0.6', ok({rows: 2, cols: 3, values: [0.1, 0.3, 0.5, 0.2, 0.4, 0.6]})],
  ['page', 'b', '0.1, 0.2, −0.3', ok({rows: 1, cols: 3, values: [0.1, 0.2, -0.3]})],
  ['page', 't', '0,0,1', ok({rows: 1, cols: 3, values: [0, 0, 1]})],
  ['page', 'w', '1,2;3', bad('raggedMatrix', {name: 'w', text: '1,2;3', row: '[1]', count: 1, first: 2})],
  ['page', 'w', '1,x;3,4', bad('badMatrixItem', {name: 'w', text: '1,x;3,4', cell: '[0][1]', item: 'x', reason: 'not-a-number'})],
  ['page', 'b', '', bad('emptyMatrix', {name: 'b', text: ''})],
  ['element', 't-index', '2,0', ok([2, 0])],
  ['element', 't-index', '2;0', bad('badIndices', {name: 't-index', text: '2;0', item: '2;0'})],
  ['element', 't-index', '1,-1', bad('badIndices', {name: 't-index', text: '1,-1', item: '-1'})],
  ['element', 't-index', '0.5', bad('badIndices', {name: 't-index', text: '0.5', item: '0.5'})],
  ['page', 'inplace', '1', ok(true)],
  ['page', 'inplace', '0', ok(false)],
  ['element', 'inplace', '', ok(true)], // present: on, as autoplay
  // x and dout: numbers, or matrices in layer mode.
  ['element', 'x', '1,-0.5;-2,3', bad('badNumber', {name: 'x', text: '1,-0.5;-2,3', reason: 'decimal-comma'})],

  // Keys of the other host.
  ['page', 'controls', 'none', bad('unknownKey', {name: 'controls', text: 'none'})],
  ['element', 'speed', '2', bad('unknownKey', {name: 'speed', text: '2'})],
  ['page', 'color', 'red', bad('unknownKey', {name: 'color', text: 'red'})],
];

test('each key\'s grammar: good and bad values', () => {
  for (const [host, key, text, result] of VALUES) {
    assert.deepStrictEqual(parseValue(key, text, {host, matrices: MATRICES}), result, `${host} ${key}=${JSON.stringify(text).slice(0, 40)}`);
  }
});

test('without the matrix grammar (the element\'s own file), layer keys are refused and a layer\'s state is not written', () => {
  assert.deepStrictEqual(parseValue('w', '1,2', {host: 'element'}), bad('unknownKey', {name: 'w', text: '1,2'}));
  assert.deepStrictEqual(parseValue('x', '1;2', {host: 'element', layer: true}), bad('unknownKey', {name: 'x', text: '1;2'}));
  assert.deepStrictEqual(parseValue('layer', 'relu', {host: 'element'}), ok('relu'));
  assert.throws(() => writeState({...defaultState(), graph: 'layer', mx: {rows: 1, cols: 1, values: [1]}}), TypeError);
});

test('in layer mode, x and dout are matrices; the other keys read as ever', () => {
  const layer = (key, text, host = 'element') => parseValue(key, text, {host, matrices: MATRICES, layer: true});
  assert.deepStrictEqual(layer('x', '1,-0.5;-2,3'), ok({rows: 2, cols: 2, values: [1, -0.5, -2, 3]}));
  assert.deepStrictEqual(layer('dout', '1,1;1,1', 'page'), ok({rows: 2, cols: 2, values: [1, 1, 1, 1]}));
  assert.deepStrictEqual(layer('x', '0.5'), ok({rows: 1, cols: 1, values: [0.5]}));
  assert.deepStrictEqual(layer('x', '1;2;'), bad('badMatrixItem', {name: 'x', text: '1;2;', cell: '[2][0]', item: '', reason: 'empty'}));
  assert.deepStrictEqual(layer('step', '3'), ok(3));
});

test('the lists: built-in graphs, page views, the element\'s attributes', () => {
  assert.deepEqual(GRAPHS, ['relu', 'sigmoid', 'sigmoid-steps']);
  assert.deepEqual(VIEWS, ['both', 'expr', 'layer', 'network']);
  assert.deepEqual(LAYERS, ['relu', 'sigmoid', 'affine', 'softmax-loss']);
  assert.deepEqual(ELEMENT_KEYS, ['graph', 'layer', 'x', 'dout', 'w', 'b', 't', 't-index', 'inplace', 'expr', 'vars', 'step', 'mode', 'ask', 'lang',
    'controls', 'theme', 'autoplay', 'app', 'code', 'fig7', 'panels']);
});

const D = defaultState();
const M = (rows, cols, values) => ({rows, cols, values});
const V = (values) => M(1, values.length, values);

// [hash, what differs from the defaults, errors]
const HASHES = [
  ['', {}, []],
  ['#', {}, []],
  ['#graph=sigmoid-steps&x=0.5&dout=1&step=7', {step: 7}, []],
  ['graph=relu&x=-2&dout=0.25&step=1&speed=4&precise=1', {graph: 'relu', x: -2, dout: 0.25, step: 1, speed: 4, precise: true}, []],
  ['#x=%E2%88%920&dout=Infinity&step=end', {x: -0, dout: Infinity, step: null}, []],
  ['#x=NaN&dout=1e-320', {x: NaN, dout: 1e-320}, []],
  ['#x=1e%2B300', {x: 1e300}, []],
  ['#graph=relu&x=2&dout=1&lang=ko', {graph: 'relu', x: 2, lang: 'ko'}, []],
  ['#graph=expr&expr=(x%2By)*z&vars=x=-2,y=5,z=-4&expand=1&plot=x',
    {graph: 'expr', expr: '(x+y)*z', vars: {x: -2, y: 5, z: -4}, expand: true, plot: 'x'}, []],
  // vars= sets the variables it names; expr= starts from none.
  ['#graph=expr&vars=x=7', {graph: 'expr', vars: {x: 7, y: 5, z: -4}}, []],
  ['#expr=a*b&vars=a=2', {graph: 'expr', expr: 'a*b', vars: {a: 2}}, []],
  // Older links (share.js before this grammar): expr= without graph= or vars=, every variable a key of its own, x included.
  ['#expr=x*y&x=2&y=3', {graph: 'expr', expr: 'x*y', vars: {x: 2, y: 3}}, []],
  ['#expr=x*y&x=2&y=3&lang=ko', {graph: 'expr', expr: 'x*y', vars: {x: 2, y: 3}, lang: 'ko'}, []],
  ['#expr=a%2Bb&a=2&b=-3&dout=1', {graph: 'expr', expr: 'a+b', vars: {a: 2, b: -3}}, []],
  ['#expr=(x%2By)*z&x=-2&y=5&z=-4&dout=1&step=3', {graph: 'expr', expr: '(x+y)*z', vars: {x: -2, y: 5, z: -4}, step: 3}, []],
  ['#graph=relu&expr=q*2&q=3', {graph: 'relu', expr: 'q*2', vars: {q: 3}}, []],
  // Bad values are left out, each reported with its code; the rest applies.
  ['#graph=tanh&x=0,5&dout=2&step=-1&speed=3&color=red', {dout: 2}, [
    {key: 'graph', code: 'badGraph', params: {name: 'graph', text: 'tanh'}},
    {key: 'x', code: 'badNumber', params: {name: 'x', text: '0,5', reason: 'decimal-comma'}},
    {key: 'step', code: 'badStep', params: {name: 'step', text: '-1'}},
    {key: 'speed', code: 'badChoice', params: {name: 'speed', text: '3', choices: '0.5, 1, 2, 4'}},
    {key: 'color', code: 'unknownKey', params: {name: 'color', text: 'red'}},
  ]],
  // A raw '+' in a hash is a space: writeState encodes it (1e%2B300).
  ['#x=1e+300&lang=fr&controls=none', {}, [
    {key: 'x', code: 'badNumber', params: {name: 'x', text: '1e 300', reason: 'no-exponent-digits'}},
    {key: 'lang', code: 'badChoice', params: {name: 'lang', text: 'fr', choices: 'en, ko'}},
    {key: 'controls', code: 'unknownKey', params: {name: 'controls', text: 'none'}},
  ]],
  ['#expr=x*y&x=2&y=abc', {graph: 'expr', expr: 'x*y', vars: {x: 2}}, [
    {key: 'y', code: 'badNumber', params: {name: 'y', text: 'abc', reason: 'not-a-number'}},
  ]],
  ['#expr=x*y&vars=x=1&y=3', {graph: 'expr', expr: 'x*y', vars: {x: 1}}, [
    {key: 'y', code: 'unknownKey', params: {name: 'y', text: '3'}},
  ]],
  // Layer mode: layer= alone shows it; x and dout are the layer's matrices, mx and mdout.
  ['#layer=relu&x=1,-0.5;-2,3&dout=1,1;1,1', {graph: 'layer', layer: 'relu', mx: M(2, 2, [1, -0.5, -2, 3]), mdout: M(2, 2, [1, 1, 1, 1])}, []],
  ['#graph=layer&layer=softmax-loss&x=0.3,2.9,4.0&t=0,0,1&inplace=1&step=2',
    {graph: 'layer', layer: 'softmax-loss', mx: V([0.3, 2.9, 4]), t: V([0, 0, 1]), inplace: true, step: 2}, []],
  ['#graph=layer&layer=softmax-loss&x=1,2;3,4&t-index=1,0', {graph: 'layer', layer: 'softmax-loss', mx: M(2, 2, [1, 2, 3, 4]), tIndex: [1, 0]}, []],
  ['#graph=layer&x=1,2;3&w=1&dout=abc', {graph: 'layer', w: V([1])}, [
    {key: 'x', code: 'raggedMatrix', params: {name: 'x', text: '1,2;3', row: '[1]', count: 1, first: 2}},
    {key: 'dout', code: 'badMatrixItem', params: {name: 'dout', text: 'abc', cell: '[0]', item: 'abc', reason: 'not-a-number'}},
  ]],
  // Beyond 8×8: the CLI's job.
  ['#layer=sigmoid&x=' + '1,'.repeat(8) + '1', {graph: 'layer', layer: 'sigmoid'}, [
    {key: 'x', code: 'matrixTooBig', params: {name: 'x', text: '1,'.repeat(8) + '1', rows: 1, cols: 9, max: 8}},
  ]],
  // An older expression link whose variables are named b, t, w or layer: variables still.
  ['#expr=w*t%2Bb&w=2&t=3&b=-1&layer=4', {graph: 'expr', expr: 'w*t+b', vars: {w: 2, t: 3, b: -1, layer: 4}}, []],
  ['#vars=x=1;y=2&expr=%20', {}, [
    {key: 'expr', code: 'emptyExpr', params: {name: 'expr', text: ' '}},
    {key: 'vars', code: 'badVars', params: {name: 'vars', text: 'x=1;y=2', item: 'x=1;y=2'}},
  ]],
];

test('a hash: each key read, older links included, bad values reported', () => {
  for (const [hash, diff, errors] of HASHES) {
    assert.deepStrictEqual(readState(hashPairs(hash), undefined, {matrices: MATRICES}), {state: {...D, ...diff}, errors}, hash);
  }
});

test('an element\'s attributes read with the same grammar', () => {
  const base = {graph: 'sigmoid-steps', x: 0.5, dout: 1, step: null, controls: 'full', theme: 'auto', expr: null, vars: {}};
  const attrs = new Map([['graph', 'both'], ['controls', 'minimal'], ['step', 'end'], ['expr', 'x*y'], ['vars', 'x=2,y=-0'], ['y', '3']]);
  assert.deepStrictEqual(readState(attrs, base, {host: 'element'}), {
    state: {...base, controls: 'minimal', expr: 'x*y', vars: {x: 2, y: -0}},
    errors: [
      {key: 'graph', code: 'badGraph', params: {name: 'graph', text: 'both'}},
      {key: 'y', code: 'unknownKey', params: {name: 'y', text: '3'}},
    ],
  });
});

// [state, its hash]: written, read back to the same values, written again the same.
const ROUND_TRIPS = [
  [{graph: 'sigmoid-steps', x: 0.5, dout: 1, step: 7, speed: 1, precise: false}, '#graph=sigmoid-steps&x=0.5&dout=1&step=7'],
  [{graph: 'both', x: -0, dout: -Infinity, step: 0, speed: 0.5, precise: true}, '#graph=both&x=-0&dout=-Infinity&step=0&speed=0.5&precise=1'],
  [{graph: 'relu', x: NaN, dout: 1e-320, step: null, speed: 2}, '#graph=relu&x=NaN&dout=1e-320&speed=2'],
  [{graph: 'sigmoid', x: 0.1 + 0.2, dout: 5e-324, step: 999999}, '#graph=sigmoid&x=0.30000000000000004&dout=5e-324&step=999999'],
  [{graph: 'relu', x: 1e300, dout: -1.7976931348623157e308}, '#graph=relu&x=1e%2B300&dout=-1.7976931348623157e%2B308'],
  [{graph: 'relu', x: 2, dout: 1, lang: 'ko'}, '#graph=relu&x=2&dout=1&lang=ko'],
  [{graph: 'sigmoid', x: 0.5, dout: 1, step: 2, lang: 'ko', code: 'c', fig7: true}, '#graph=sigmoid&x=0.5&dout=1&step=2&lang=ko&code=c&fig7=1'],
  [{...D, graph: 'expr', code: 'python'}, '#graph=expr&dout=1&expr=(x%2By)*z&vars=x=-2,y=5,z=-4&code=python'],
  [{...D, graph: 'expr', expr: 'sigmoid(w0*x0 + w1*x1 + w2)', vars: {w0: 2, x0: -1, w1: -3, x1: -2, w2: -3}, expand: true, plot: 'w1', lang: 'ko'},
    '#graph=expr&dout=1&expr=sigmoid(w0*x0%20%2B%20w1*x1%20%2B%20w2)&vars=w0=2,x0=-1,w1=-3,x1=-2,w2=-3&expand=1&plot=w1&lang=ko'],
  [{...D, graph: 'expr', expr: '1/(x^2) & #y', vars: {x: -0, y: 1e-320}}, '#graph=expr&dout=1&expr=1/(x%5E2)%20%26%20%23y&vars=x=-0,y=1e-320'],
  [{...D, graph: 'expr', expr: 'x\u2212y', vars: {x: NaN, y: Infinity}, step: 2}, '#graph=expr&dout=1&expr=x%E2%88%92y&vars=x=NaN,y=Infinity&step=2'],
  [{...D, graph: 'expr', expr: LONG, vars: {x: 1}}, `#graph=expr&dout=1&expr=${'x%2B'.repeat(2047)}x&vars=x=1`],
  // Layer mode writes the matrices its layer takes, every double exactly.
  [{...D, graph: 'layer', layer: 'relu', mx: M(2, 2, [1, -0.5, -2, 3]), mdout: M(2, 2, [1, 1, 1, 1]), inplace: true, step: 5},
    '#graph=layer&layer=relu&x=1,-0.5;-2,3&dout=1,1;1,1&inplace=1&step=5'],
  [{...D, graph: 'layer', layer: 'affine', mx: V([1, 0.5]), mdout: V([1, 2, 3]), w: M(2, 3, [0.1, 0.3, 0.5, 0.2, 0.4, 0.6]), b: V([0.1, 0.2, 0.3])},
    '#graph=layer&layer=affine&x=1,0.5&dout=1,2,3&w=0.1,0.3,0.5;0.2,0.4,0.6&b=0.1,0.2,0.3'],
  [{...D, graph: 'layer', layer: 'softmax-loss', mx: M(2, 3, [-0, NaN, 1e300, -Infinity, 0.1 + 0.2, 5e-324]), t: M(2, 3, [0, 0, 1, 1, 0, 0]), lang: 'ko'},
    '#graph=layer&layer=softmax-loss&x=-0,NaN,1e%2B300;-Infinity,0.30000000000000004,5e-324&t=0,0,1;1,0,0&lang=ko'],
  [{...D, graph: 'layer', layer: 'softmax-loss', mx: M(2, 2, [1, 2, 3, 4]), tIndex: [1, 0]}, '#graph=layer&layer=softmax-loss&x=1,2;3,4&t-index=1,0'],
];

test('round trips: write, read back the same values, write the same hash', () => {
  for (const [state, hash] of ROUND_TRIPS) {
    assert.equal(writeState(state, MATRICES), hash);
    const back = readState(hashPairs(hash), undefined, {matrices: MATRICES});
    assert.deepStrictEqual(back.errors, [], hash);
    for (const key of Object.keys(state)) assert.deepStrictEqual(back.state[key], state[key], `${hash.slice(0, 60)}: ${key}`);
    assert.equal(writeState(back.state, MATRICES), hash);
  }
});

test('a figure\'s "Copy link": the page reads it as the same state', () => {
  // As element.js's link() writes a built-in graph's state, and an expression's.
  const steps = writeState({graph: 'sigmoid-steps', x: -1.25, expr: undefined, vars: {x: -1.25}, dout: 2, step: 6});
  assert.equal(steps, '#graph=sigmoid-steps&x=-1.25&dout=2&step=6');
  assert.deepStrictEqual(readState(hashPairs(steps)), {state: {...D, x: -1.25, dout: 2, step: 6}, errors: []});
  const expr = writeState({graph: 'expr', x: -2, expr: '(x+y)*z', vars: {x: -2, y: 5, z: -4}, dout: 1, step: 3});
  assert.equal(expr, '#graph=expr&dout=1&expr=(x%2By)*z&vars=x=-2,y=5,z=-4&step=3');
  assert.deepStrictEqual(readState(hashPairs(expr)), {state: {...D, graph: 'expr', step: 3}, errors: []});
  // The element's own keys, when a state has them: defaults left out.
  assert.equal(writeState({graph: 'relu', x: 2, dout: 1, controls: 'minimal', theme: 'auto', autoplay: true, app: 'https://a.example/b?c=1'}),
    '#graph=relu&x=2&dout=1&controls=minimal&autoplay=1&app=https%3A//a.example/b%3Fc=1');
});

// [iframe hash, the attributes it sets]
const IFRAMES = [
  ['#graph=sigmoid-steps&x=0.5&dout=1&step=7', [['graph', 'sigmoid-steps'], ['x', '0.5'], ['dout', '1'], ['step', '7']]],
  ['#graph=relu&controls=minimal&theme=dark&autoplay&lang=ko&app=https://a.example/', [['graph', 'relu'], ['controls', 'minimal'],
    ['theme', 'dark'], ['autoplay', ''], ['lang', 'ko'], ['app', 'https://a.example/']]],
  // The page's own hash: page-only keys dropped, graph=expr too (expr= says it).
  ['#graph=expr&dout=1&expr=(x%2By)*z&vars=x=-2,y=5,z=-4&expand=1&speed=2', [['dout', '1'], ['expr', '(x+y)*z'], ['vars', 'x=-2,y=5,z=-4']]],
  // An older link: its variables gathered into vars= (x stays the x attribute, which sets the variable x).
  ['#expr=x*y&x=2&y=3&lang=ko', [['expr', 'x*y'], ['x', '2'], ['lang', 'ko'], ['vars', 'y=3']]],
  // Bad values pass as given: the element explains them.
  ['#graph=<script>1</script>&x=<img>&step=-1', [['graph', '<script>1</script>'], ['x', '<img>'], ['step', '-1']]],
  ['#graph=both&color=red', [['graph', 'both']]],
  // The page's layer link: graph=layer dropped (layer= says it), page-only keys too.
  ['#graph=layer&layer=relu&x=1,-0.5;-2,3&dout=1,1;1,1&inplace=1&speed=2', [['layer', 'relu'], ['x', '1,-0.5;-2,3'], ['dout', '1,1;1,1'], ['inplace', '1']]],
  ['#expr=a*b&a=2&b=3', [['expr', 'a*b'], ['vars', 'a=2,b=3']]],
];

test('the iframe\'s hash as the element\'s attributes', () => {
  for (const [hash, attrs] of IFRAMES) assert.deepEqual([...elementAttributes(hashPairs(hash))], attrs, hash);
});

test('defaults and step resolution', () => {
  assert.deepStrictEqual(defaultState(), {graph: 'sigmoid-steps', x: 0.5, dout: 1, step: null, mode: 'watch', ask: 'backward', speed: 1, precise: false,
    expr: '(x+y)*z', vars: {x: -2, y: 5, z: -4}, expand: false, plot: null, lang: null, code: null, fig7: false,
    layer: 'relu', mx: null, mdout: null, w: null, b: null, t: null, tIndex: null, inplace: false});
  assert.equal(writeState(defaultState()), '#graph=sigmoid-steps&x=0.5&dout=1');
  assert.equal(resolveStep(null, 8), 8);
  assert.equal(resolveStep(99, 8), 8);
  assert.equal(resolveStep(3, 8), 3);
  assert.equal(resolveStep(-2, 8), 0);
});

test('predict mode round-trips through links and attributes', () => {
  const {state, errors} = readState(hashPairs('#graph=sigmoid&x=0.5&step=1&mode=predict&ask=all'));
  assert.deepEqual(errors, []);
  assert.equal(state.mode, 'predict');
  assert.equal(state.ask, 'all');
  assert.equal(writeState(state), '#graph=sigmoid&x=0.5&dout=1&step=1&mode=predict&ask=all');
  // ask is predict mode's: without it, left out.
  assert.equal(writeState({...state, mode: 'watch'}), '#graph=sigmoid&x=0.5&dout=1&step=1');
  assert.equal(parseValue('mode', 'predict', {host: 'element'}).value, 'predict');
  assert.equal(parseValue('mode', 'guess', {host: 'element'}).code, 'badChoice');
  assert.equal(parseValue('ask', 'sideways').code, 'badChoice');
  assert.deepEqual([...elementAttributes(hashPairs('#graph=relu&mode=predict'))], [['graph', 'relu'], ['mode', 'predict']]);
});
