// Maintainer tool: rebuild mpl-fontlist.json, matplotlib's font cache for the Pyodide the lab ships.
// Pyodide 0.27.7's matplotlib 3.8.4 wheel carries a fontlist.json of version 390 while its
// FontManager is version 330, so every kernel start would rebuild the cache and print
// "Matplotlib is building the font cache" on stderr. Needs Node 18+ and a verified Pyodide folder:
//   node make_fontlist.js PYODIDE_DIR mpl-fontlist.json
const path = require('path');
const [dir, out] = process.argv.slice(2);
const { loadPyodide } = require(path.resolve(dir, 'pyodide.js'));
(async () => {
  const py = await loadPyodide({ indexURL: path.resolve(dir) + '/', stdout: () => {}, stderr: () => {} });
  await py.loadPackage(['matplotlib'], { messageCallback: () => {} });
  const text = await py.runPythonAsync(`
import json, tempfile, os
from matplotlib import font_manager as fm
manager = fm.FontManager()
manager.ttflist.sort(key=lambda f: (f.fname, f.name, f.style, str(f.weight)))
manager.afmlist.sort(key=lambda f: (f.fname, f.name, f.style, str(f.weight)))
f = os.path.join(tempfile.mkdtemp(), "fontlist.json")
fm.json_dump(manager, f)
open(f).read()`);
  require('fs').writeFileSync(out, text.endsWith('\n') ? text : text + '\n');
  console.log('fontlist.json', JSON.parse(text)._version, text.length, 'bytes');
})().catch((e) => { console.error(e); process.exit(1); });
