import { build } from 'esbuild';
const fn = process.argv[2];
const r = await build({ entryPoints: [`functions/src/handlers/${fn}.ts`], bundle: true, minify: true, platform: 'node', format: 'esm', target: 'node20', external: ['@aws-sdk/*'], charset: process.env.CHARSET, legalComments: process.env.LEGAL, write: false, metafile: true, outfile: '/tmp/x.mjs' });
const out = Object.values(r.metafile.outputs)[0];
console.log(fn, (out.bytes/1024).toFixed(1), 'KB');
const groups = {};
for (const [path, v] of Object.entries(out.inputs)) {
  const m = path.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  const key = m ? m[1] : path.replace(/\/[^/]+$/, '');
  groups[key] = (groups[key] ?? 0) + v.bytesInOutput;
}
for (const [k, v] of Object.entries(groups).sort((a,b)=>b[1]-a[1]).slice(0, 25)) console.log((v/1024).toFixed(1).padStart(7), k);
if (process.argv[3]) for (const [path, v] of Object.entries(out.inputs).sort((a,b)=>b[1].bytesInOutput-a[1].bytesInOutput).slice(0, Number(process.argv[3]))) console.log((v.bytesInOutput/1024).toFixed(1).padStart(7), path);
