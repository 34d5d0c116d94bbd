// Minify the built book's scripts with terser and the course's stylesheets with csso: node minify.mjs
// <job.json>, where the job gives `files` (paths under _build/html/_static, *.js or *.css). Each file is
// rewritten in place with the same behaviour: local names shortened, whitespace and comments dropped
// (licence comments, /*! ... */ and @license, kept), top-level names kept (the pages and other scripts
// call them); stylesheets keep their rules' order (no restructuring). Prints [file, bytes before, after].
import { minify } from "terser";
import { minify as minifyCss } from "csso";
import { readFileSync, writeFileSync } from "node:fs";

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const sizes = [];
for (const file of job.files) {
  const code = readFileSync(file, "utf8");
  const module = /^\s*(import|export)\s/m.test(code);
  let result;
  try {
    result = file.endsWith(".css") ? { code: minifyCss(code, { restructure: false, comments: "exclamation" }).css }
      : await minify(code, { module, compress: { passes: 2 }, mangle: true, format: { comments: "some" } });
  } catch (err) {  // a file the minifier cannot read is left exactly as it is
    result = {};
  }
  if (result.code === undefined || Buffer.byteLength(result.code) >= Buffer.byteLength(code)) {
    sizes.push([file, Buffer.byteLength(code), Buffer.byteLength(code)]);
    continue;
  }
  writeFileSync(file, result.code);
  sizes.push([file, Buffer.byteLength(code), Buffer.byteLength(result.code)]);
}
console.log(JSON.stringify(sizes));
