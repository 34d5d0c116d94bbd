// Build matplotlib's font cache (fontlist.json) with the very Pyodide and matplotlib the lab ships.
// Pyodide 0.27.7's matplotlib 3.8.4 wheel carries a fontlist.json of version 390 while its
// FontManager is version 330, so every kernel start rebuilds the cache and prints
// "Matplotlib is building the font cache" on stderr. Usage: node make_fontcache.js PYODIDE_DIR OUT
const path = require('path');
const [dir, out] = process.argv.slice(2);
const { loadPyodide } = require(path.resolve(dir, 'pyodide.js'));
(async () => {
  const py = await loadPyodide({ indexURL: path.resolve(dir) + '/', stdout: () => {}, stderr: () => {} });
  await py.loadPackage(['matplotlib'], { messageCallback: () => {} });
  const text = await py.runPythonAsync(`
import json, tempfile, os
from matplotlib import font_manager as fm
f = os.path.join(tempfile.mkdtemp(), "fontlist.json")
fm.json_dump(fm.FontManager(), f)
open(f).read()`);
  require('fs').writeFileSync(out, text);
  console.log('fontlist.json', JSON.parse(text)._version, text.length, 'bytes');
})().catch((e) => { console.error(e); process.exit(1); });
