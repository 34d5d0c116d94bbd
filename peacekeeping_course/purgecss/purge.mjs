// Run PurgeCSS on the built book: node purge.mjs <job.json>, where the job gives `content` and `css`
// (file globs) and `safelist`. Each CSS file is rewritten in place; prints [file, bytes before, after].
import { PurgeCSS } from "purgecss";
import { readFileSync, writeFileSync, statSync } from "node:fs";

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const results = await new PurgeCSS().purge({
  content: job.content,
  css: job.css,
  safelist: { standard: job.safelist.map((s) => new RegExp(s)) },
  variables: true,
  keyframes: true,
  fontFace: true,
});
const sizes = [];
for (const r of results) {
  const before = statSync(r.file).size;
  writeFileSync(r.file, r.css);
  sizes.push([r.file, before, Buffer.byteLength(r.css)]);
}
console.log(JSON.stringify(sizes));
