// figure/sheet.js: a stylesheet made once from a module's CSS text and
// adopted once into each root it is asked for (a document or a shadow root),
// for the parts that bring their own (the panels, the code view, predict
// mode, the layer figure):
//   const adopt = sheetAdopter(CSS);  adopt(node.getRootNode());
export function sheetAdopter(css) {
  let sheet = null;
  return (root) => {
    if (!root.adoptedStyleSheets) return; // not in a document yet
    sheet ??= (() => {
      const s = new (root.ownerDocument ?? root).defaultView.CSSStyleSheet();
      s.replaceSync(css);
      return s;
    })();
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  };
}
