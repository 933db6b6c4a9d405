// figure/layer-notes.js: the note under a layer step's arithmetic in the
// page's step panel: what the step does, in the book's terms (words/layer.js).

// spec: the layer; s: the step (null: the start: how to edit the cells, in
// a figure whose cells the reader edits, else nothing); words: layer words.
export function stepNote(spec, s, words, {editable = true} = {}) {
  if (!s) return editable ? words('editHint') : null;
  const [i, j] = s.cells[0];
  switch (`${spec.layer} ${s.grid}`) {
    case 'relu out': return words('reluForwardNote');
    case 'relu dx': return words('reluBackwardNote');
    case 'sigmoid out': return words('sigmoidForwardNote');
    case 'sigmoid dx': return words('sigmoidBackwardNote');
    case 'affine out': return words('affineForwardNote', {i, j});
    case 'affine dx': return words('affineDxNote', {i, k: j});
    case 'affine dw': return words('affineDwNote', {k: i, j});
    case 'affine db': return words('affineDbNote');
    case 'softmax-loss y': return words('softmaxForwardNote');
    case 'softmax-loss loss': return words('lossNote');
    default: return words('softmaxBackwardNote');
  }
}
