import { RefreshPacer } from './refresh-pacer.ts';
import { snapshotOf } from './tail-snapshot.ts';
import { TailLink } from './tail-link.ts';
import { TailStore } from './tail-store.ts';
import { toNdjson } from './tail-export.ts';
import { messagesOldestFirst } from './tail-view.ts';
import type { PageToWorker, WindowRequest, WorkerToPage } from './tail-worker-protocol.ts';

/** The worker's global scope as far as it is used here (the DOM types, which the project compiles with, make `self` a Window). */
interface WorkerScope {
  postMessage(message: WorkerToPage): void;
  onmessage: ((event: MessageEvent<PageToWorker>) => void) | null;
}

// The live tail's worker: owns the Socket.IO link, the ring and the filters, so parsing, ingesting and filtering
// never block a frame of the page. The page renders each snapshot and answers with its window; the worker sends the
// next snapshot only then, so a page that falls behind is sent fewer snapshots, never a queue of them.
const scope = self as unknown as WorkerScope;
const FRAME_MS = 16;
const post = (message: WorkerToPage): void => scope.postMessage(message);

const store = new TailStore({ requestFrame: (render) => void setTimeout(render, FRAME_MS) });
let link: TailLink | null = null;
let shown: WindowRequest = { first: 0, last: 0, added: 0, generation: 0, scrolled: false };
let dirty = true;
let awaitingPage = false;
const pacer = new RefreshPacer();
let held: ReturnType<typeof setTimeout> | null = null;

function flush(): void {
  if (!dirty || awaitingPage || held) return;
  const wait = pacer.delay(performance.now(), store.added);
  if (wait > 0) {
    held = setTimeout(() => {
      held = null;
      flush();
    }, wait);
    return;
  }
  dirty = false;
  awaitingPage = true;
  pacer.sent(performance.now(), store.added);
  post({ type: 'snapshot', snapshot: snapshotOf(store, shown) });
}

/** Applies what the page asked for, whose result it shows at the next frame whatever the traffic. */
function answer(change: () => void): void {
  pacer.ask();
  if (held) {
    clearTimeout(held);
    held = null;
  }
  change();
  flush();
}

store.subscribe(() => {
  dirty = true;
  flush();
});

setInterval(() => store.tick(performance.now()), 1_000);
store.tick(performance.now());

scope.onmessage = ({ data }: MessageEvent<PageToWorker>) => {
  switch (data.type) {
    case 'start':
      link ??= new TailLink({ initialPatterns: data.patterns, onBatch: store.ingest, onChange: (state) => post({ type: 'link', state }) });
      return;
    case 'window': {
      const moved = data.window.first !== shown.first || data.window.last !== shown.last || data.window.scrolled !== shown.scrolled;
      shown = data.window;
      awaitingPage = false;
      if (moved) return answer(() => (dirty = true));
      return flush();
    }
    case 'pause':
      return answer(() => store.setPaused(data.paused));
    case 'triage':
      return answer(() => store.setTriage(data.filter));
    case 'clear':
      return answer(() => store.clear());
    case 'request':
      void link?.request(data.kind, data.subject).then((ok) => post({ type: 'reply', id: data.id, ok }));
      return;
    case 'export':
      return post({ type: 'export', id: data.id, text: toNdjson(messagesOldestFirst(store.view())) });
  }
};
