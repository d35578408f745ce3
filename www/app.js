// Loader only: hands the page's data to the Rust timeline. Everything else
// (state, drawing, DOM panels) happens in Rust. If WebAssembly or the data cannot load, the page
// keeps its complete static list and shows a readable message instead.
document.documentElement.classList.add('js');
let resolveReady;
window.timelineReady = new Promise((resolve) => { resolveReady = resolve; });

/** Lets the browser run what is waiting (input, rendering) before the rest of the work. */
function yieldToBrowser() {
  if (globalThis.scheduler?.yield) return globalThis.scheduler.yield();
  return new Promise((resolve) => { setTimeout(resolve, 0); });
}

/** Resolves after the browser has rendered its next frame (or after 100 ms without one). */
function afterNextFrame() {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => { setTimeout(() => { clearTimeout(timer); resolve(); }, 0); });
  });
}

function showError(text) {
  const box = document.getElementById('error');
  if (!box) return;
  box.textContent = text;
  box.hidden = false;
}

/**
 * Starts the timeline. `loadWasm()` resolves to the glue's exports once the wasm is ready;
 * `get(file)` resolves to the text of a file beside the page (`data.ko.json`, `sources/*.txt`).
 * The online page (at the end) imports the glue and fetches; the one-file offline page
 * (src/offline.rs) runs this same module with its own two, reading what the file carries.
 */
export async function boot(loadWasm, get) {
  const params = new URLSearchParams(location.search);
  if (params.get('embed') === '1') document.documentElement.classList.add('embed');
  let wasm;
  try {
    wasm = await loadWasm();
  } catch (e) {
    showError(document.getElementById('error').dataset.wasmError);
    resolveReady(false);
    return;
  }
  // The events' text in another language is a file of its own, fetched alongside; without it
  // the page still works, with the events' text in English.
  const lang = wasm.page_lang();
  const translated = lang === 'en' ? Promise.resolve(undefined) : get(`data.${lang}.json`).catch(() => undefined);
  // The wasm's compile and instantiation were one task; reading the data is the next.
  await yieldToBrowser();
  // The timeline's data is in the page itself, as a JSON data block written by the build; the
  // wasm reads the parsed value into its own types (serde_wasm_bindgen).
  const dataError = (why) => {
    showError(`${document.getElementById('error').dataset.dataError} (${why}; rebuild it with make dist)`);
    resolveReady(false);
  };
  const text = document.getElementById('timeline-data')?.textContent;
  if (!text) return dataError('the page has no timeline data');
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return dataError(`the timeline data in index.html is not valid JSON: ${e.message}`);
  }
  let translations = await translated;
  try {
    translations = translations === undefined ? undefined : JSON.parse(translations);
  } catch (e) {
    showError(`data.${lang}.json is not valid JSON: ${e.message}; rebuild it with make dist`);
    translations = undefined;
  }
  try {
    const synthetic = Number(params.get('synthetic') || 0);
    // The reader asks for a source's full text only when it is opened.
    document.addEventListener('timeline-need-text', async (event) => {
      const file = event.detail;
      try {
        // Awaited before `timeline` is read: the reader may ask while start() is still running.
        const text = await get(file);
        timeline.set_source_text(file, text);
      } catch (e) {
        timeline.source_text_failed(file, e.message);
      }
    });
    // Steps with a turn for the browser between them (input, a paint), so that starting is not
    // one long task: the data read, the page made, the listeners, the first frame, then the DOM.
    const read = wasm.read(data, translations, synthetic);
    await yieldToBrowser();
    const prepared = read.prepare();
    await yieldToBrowser();
    const timeline = prepared.start();
    await yieldToBrowser();
    timeline.draw_first();
    window.timelineBench = (steps) => Array.from(timeline.bench(steps));
    // The timeline is drawn; the rest of the page's DOM once the browser has shown it (a
    // frame, then a task), or after 100 ms where frames are not coming (a hidden tab).
    await afterNextFrame();
    timeline.finish();
    resolveReady(true);
  } catch (e) {
    // Rust has already written the located message into #error.
    resolveReady(false);
  }
}

// The online page: the glue beside the page, files fetched from the same site. The offline page
// carries its files (`script#timeline-files`) and calls boot itself.
if (!document.getElementById('timeline-files')) {
  boot(async () => {
    performance.mark('app: import glue');
    const wasm = await import('./pkg/nk_timeline.js');
    performance.mark('app: glue ready');
    await wasm.default();
    performance.mark('app: wasm ready');
    return wasm;
  }, async (file) => {
    const response = await fetch(file, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
    return response.text();
  });
}
