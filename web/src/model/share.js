// model/share.js: copying a link or a formula, with a visible fallback. (The
// link's hash itself: state.js's writeState.)

// Put `text` on the clipboard. Resolves true when it is there, false when
// the browser refused (no permission, not a secure context, no API): the
// caller then shows the text in a field to copy by hand.
export async function copyText(text, win = globalThis) {
  try {
    if (!win.navigator?.clipboard?.writeText) return false;
    await win.navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

// Show `text` in a read-only field, selected, ready for Ctrl+C.
export function showFallback(field, text) {
  field.value = text;
  field.closest('[hidden]')?.removeAttribute('hidden');
  field.focus();
  field.select();
}
