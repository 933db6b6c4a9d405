// figure/fields.js: a number field, with its slider where it has one, read
// with the CLI's grammar (model/number.js). The page's x and dL/dy, its
// expression variables and the fields of every <backprop-graph> use it.
//
// Text that is not a number marks the field invalid and is reported to
// onInvalid(reason, text); the last good value stays in force (the caller
// keeps it, and says so). A slider sets the field's text as it moves.
import {parseNumber} from '../model/number.js';

export function wireNumberField({field, slider = null, onValue, onInvalid, onValid = () => {},
  setSlider = (v) => { slider.value = String(v); }}) {
  field.addEventListener('input', () => {
    const n = parseNumber(field.value);
    if (!n.ok) {
      field.setAttribute('aria-invalid', 'true');
      onInvalid(n.reason, field.value);
      return;
    }
    field.removeAttribute('aria-invalid');
    onValid();
    if (slider && Number.isFinite(n.value)) setSlider(n.value);
    onValue(n.value);
  });
  slider?.addEventListener('input', () => {
    field.value = slider.value;
    field.removeAttribute('aria-invalid');
    onValid();
    onValue(Number(slider.value));
  });
}

// The message under a field: shown with text, hidden without.
export function showFieldMessage(box, text) {
  box.hidden = !text;
  box.textContent = text || '';
}
