// The one-file offline page (src/offline.rs puts this after the wasm-bindgen glue and www/app.js,
// in one inline module): the wasm comes from the base64 block `script#timeline-wasm`, every file
// the online page fetches (data.ko.json, sources/*.txt) from the JSON block `script#timeline-files`.
// Nothing is fetched. `boot` is app.js's; the build replaces GLUE_INIT by the glue's default export (its
// init function) and GLUE_EXPORTS by an object of all its exports, as `import()` would give.
{
  const block = (id) => document.getElementById(id)?.textContent ?? '';
  const files = JSON.parse(block('timeline-files') || '{}');
  boot(async () => {
    const base64 = block('timeline-wasm').trim();
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    await GLUE_INIT({ module_or_path: bytes });
    return GLUE_EXPORTS;
  }, async (file) => {
    if (!Object.hasOwn(files, file)) throw new Error(`${file} is not in this file`);
    return files[file];
  });
}
