// element/skeleton.js: the elements of one figure's shadow root, made once:
// the graph, its chain-rule line and narration, the panels, the message
// line, and the bar (player, inputs, share and export), each button wired
// to `on`'s action; and their words in the figure's language.
import {icon} from '../figure/player.js';
import {outputName} from '../figure/source.js';
import {exactText} from '../model/number.js';

// doc: the element's document. on: {reset, back, play, forward, link,
// latex, svg, png}. Returns the parts by name; the frame holds them all.
export function buildSkeleton(doc, on) {
  const el = (tag, props = {}, ...children) => {
    const e = doc.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === 'text') e.textContent = v; else if (k === 'on') e.addEventListener('click', v); else e.setAttribute(k, v);
    }
    e.append(...children);
    return e;
  };
  const button = (key, action, extra = {}) => el('button', {type: 'button', on: action, ...extra});
  const $ = {};
  $.frame = el('div', {class: 'frame', part: 'frame'});
  $.figure = el('div', {class: 'figure'}, el('p', {class: 'loading'}));
  $.formula = el('p', {class: 'formula'});
  $.narration = el('p', {class: 'narration', role: 'status'});
  $.message = el('p', {class: 'message', role: 'alert', hidden: ''});
  $.reset = button('reset', on.reset);
  $.back = button('stepBack', on.back);
  $.play = button('play', on.play, {class: 'primary'});
  $.forward = button('stepForward', on.forward);
  $.player = el('div', {class: 'group player', role: 'group'}, $.reset, $.back, $.play, $.forward);
  $.inputs = el('div', {class: 'group inputs', role: 'group'});
  $.link = button('copyLink', on.link);
  $.latex = button('copyLatex', on.latex);
  $.svg = button('downloadSvg', on.svg);
  $.png = button('downloadPng', on.png);
  $.tools = el('div', {class: 'group tools', role: 'group'}, $.link, $.latex, $.svg, $.png);
  $.bar = el('div', {class: 'bar'}, $.player, $.inputs, $.tools);
  $.notice = el('p', {class: 'notice', role: 'status'});
  $.fallbackName = el('span');
  $.fallbackField = el('input', {type: 'text', readonly: ''});
  $.fallback = el('div', {class: 'fallback', hidden: ''}, el('label', {}, $.fallbackName, $.fallbackField));
  $.panels = el('div', {class: 'panels', hidden: ''});
  $.frame.append($.figure, $.formula, $.narration, $.panels, $.message, $.bar, $.notice, $.fallback);
  return $;
}

// The fixed words of the skeleton in `t`'s language.
export function labelSkeleton($, t) {
  const doc = $.frame.ownerDocument;
  for (const [k, b] of [['reset', $.reset], ['stepBack', $.back], ['stepForward', $.forward]]) {
    b.textContent = '';
    b.append(icon(doc, {reset: '↺', stepBack: '‹', stepForward: '›'}[k]), t(k));
  }
  $.link.textContent = t('copyLink');
  $.latex.textContent = t('copyLatex');
  $.svg.textContent = t('downloadSvg');
  $.svg.setAttribute('aria-label', t('downloadSvgName'));
  $.png.textContent = t('downloadPng');
  $.png.setAttribute('aria-label', t('downloadPngName'));
  $.player.setAttribute('aria-label', t('player'));
  $.inputs.setAttribute('aria-label', t('inputs'));
  $.tools.setAttribute('aria-label', t('tools'));
  $.fallbackName.textContent = t('copyField');
  const loading = $.figure.querySelector('.loading');
  if (loading) loading.textContent = t('loading');
}

// One field for each input of `trace` and one for dL/d(its output), each
// in its <label>, appended to the bar's inputs. Returns [[name, field]]
// (name 'dout' for dL/dy).
export function inputFields($, trace) {
  const doc = $.frame.ownerDocument;
  return [...Object.keys(trace.inputs), 'dout'].map((input) => {
    const field = doc.createElement('input');
    field.type = 'text';
    field.setAttribute('inputmode', 'decimal');
    field.setAttribute('autocomplete', 'off');
    field.setAttribute('spellcheck', 'false');
    const label = doc.createElement('label');
    const span = doc.createElement('span');
    span.className = input === 'dout' ? '' : 'name';
    span.textContent = input === 'dout' ? `dL/d${outputName(trace)}` : input;
    label.append(span, field);
    $.inputs.append(label);
    return [input, field];
  });
}

// The text of a field: the input's value as the trace has it, exactly.
export const fieldText = (trace, input) => exactText(input === 'dout' ? trace.dout : trace.inputs[input]);
