/**
 * What `bench browser` installs in the /live page, as source text: page.evaluate would send a compiled function,
 * and tsx's helpers (`__name`) do not exist in the page. It collects requestAnimationFrame deltas and long tasks
 * while recording, and times one keystroke in the tail's filter from its keydown to the frame after the list shows it.
 */
export const PROBE_SCRIPT = `(() => {
  const probe = { frames: [], longTasks: [], recording: false, last: 0 };
  const loop = (t) => {
    if (probe.recording && probe.last) probe.frames.push(t - probe.last);
    probe.last = t;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  new PerformanceObserver((list) => {
    if (probe.recording) for (const entry of list.getEntries()) probe.longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
  probe.start = () => {
    probe.frames = [];
    probe.longTasks = [];
    probe.last = 0;
    probe.recording = true;
  };
  probe.stop = () => {
    probe.recording = false;
    return { frames: probe.frames, longTasks: probe.longTasks };
  };
  probe.armKey = (selector, expected, timeoutMs) =>
    new Promise((resolve) => {
      const input = document.querySelector(selector);
      const wanted = expected.toLowerCase();
      const rowsMatch = () =>
        [...document.querySelectorAll('[data-testid="tail-row"]')].every((row) => row.textContent.toLowerCase().includes(wanted));
      let downAt = 0;
      const check = (t) => {
        if (t - downAt > timeoutMs) return resolve(-1);
        if (input.value === expected && rowsMatch()) requestAnimationFrame((next) => resolve(next - downAt));
        else requestAnimationFrame(check);
      };
      const onKey = (event) => {
        document.removeEventListener('keydown', onKey, true);
        downAt = event.timeStamp;
        requestAnimationFrame(check);
      };
      document.addEventListener('keydown', onKey, true);
    });
  window.__tailProbe = probe;
})()`;

/** What the probe hands back after recording. */
export interface ProbeRecording {
  frames: number[];
  longTasks: number[];
}
