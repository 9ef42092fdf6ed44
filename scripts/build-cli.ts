/** `build-cli.ts <h5|weapp> <local|test|prod> [apiBase]`: a Taro build pointed at an API. */
import { buildMiniprogram } from './lib/build';

const [target, stage, api = 'http://127.0.0.1:3000'] = process.argv.slice(2) as ['h5' | 'weapp', 'local' | 'test' | 'prod', string];
const started = Date.now();
await buildMiniprogram(target, { api, stage }, (line) => {
  if (/error|warn|fail/i.test(line)) console.log(line);
});
console.log(`taro build --type ${target} (stage ${stage}, API ${api}) done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
