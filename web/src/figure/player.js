// figure/player.js: the player of every figure (the page's and each
// <backprop-graph>'s): Play, Pause, Step and the pauses between steps.
//
//   const player = createPlayer({host, step, count, render, speed, reducedMotion});
//   player.play();          // from the start if at the end; resolves when it stops
//   player.goTo(3, {travel: true});
//   player.stop();          // what any new state does first
//
// One generation counter: every stop() makes the loop of an earlier play()
// give up at its next await. Timing is paced by animations (a number's
// travel, then a pause that is an animation with no effect, on `host`),
// never by timers, so that pausing cancels it and a test can own the clock.

export const TRAVEL_MS = 650; // one number along one edge, at speed 1
export const DWELL_MS = 450; // a pause on each step while playing

// host: the element the pause animation runs on. step() and count(): where
// the figure is and how many steps its trace has. setStep(s): go there
// without drawing. render({travel}): draw the current step, resolving when
// its number has landed. speed(): the speed factor. reducedMotion(): true
// when the reader asked for no motion (the pause then also stands in for
// the travel). changed(): the play button's state changed. limit(target):
// the furthest step that may be shown on the way to `target` (predict
// mode stops before a step whose answer the reader has not given).
export function createPlayer({host, step, setStep, count, render, speed = () => 1, reducedMotion, changed = () => {}, limit = (s) => s}) {
  let playing = false;
  let generation = 0;
  let dwelling = null;

  function stop() {
    generation += 1;
    dwelling?.cancel();
    dwelling = null;
    if (playing) {
      playing = false;
      changed();
    }
  }

  async function play() {
    if (playing) return;
    const n = count();
    if (step() >= n) setStep(0);
    playing = true;
    changed();
    const mine = ++generation;
    while (generation === mine && step() < n && limit(step() + 1) > step()) {
      setStep(step() + 1);
      await render({travel: true});
      if (generation !== mine) return;
      if (step() < n) await dwell();
    }
    if (generation === mine) {
      playing = false;
      changed();
    }
  }

  async function dwell() {
    const ms = (reducedMotion() ? TRAVEL_MS + DWELL_MS : DWELL_MS) / speed();
    dwelling = host.animate([], {duration: ms});
    try {
      await dwelling.finished;
    } catch {
      // cancelled by stop()
    }
  }

  function goTo(target, {travel = false} = {}) {
    stop();
    setStep(limit(Math.max(0, Math.min(count(), target))));
    return render({travel});
  }

  return {
    play,
    stop,
    goTo,
    toggle: () => (playing ? stop() : play()),
    get playing() { return playing; },
    travelMs: () => TRAVEL_MS / speed(),
  };
}

// The play button's face: an icon and a word, and its pressed state.
export function drawPlayButton(button, playing, t) {
  button.textContent = '';
  button.append(icon(button.ownerDocument, playing ? '❚❚' : '▶'), t(playing ? 'pause' : 'play'));
  button.setAttribute('aria-pressed', String(playing));
}

export function icon(doc, text) {
  const s = doc.createElement('span');
  s.className = 'icon';
  s.setAttribute('aria-hidden', 'true');
  s.textContent = text;
  return s;
}
