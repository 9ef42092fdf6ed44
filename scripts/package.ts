/**
 * `npm run package`: `serverless package` for the cloud stage (default prod), then the checks on what it
 * made — every function bundle within budget, the table and routes in the template, IAM scoped to the
 * table. Prints one line per function. Exit code 1 when anything is off.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';
import { functionBuildOptions } from './lib/esbuild-options';
import { gzipSync } from 'node:zlib';
import { writeFigures } from './lib/doc-figures';
import { GATEWAY_ROUTE_KEYS } from '../shared/src/routes';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..');
/**
 * Every function's own code: its bundle minus the AWS SDK. Issues 15/16 aim at 80 KB (TARGET). Per-function
 * composition roots and route modules (each function imports only shared/src/routes/<fn>.ts) and UTF-8
 * output (Chinese text no longer \u-escaped) brought most of the way; the enforced budget stays just above
 * today's largest so it catches growth; the table shows the distance to the target.
 */
/**
 * What observability costs every function that answers a route (issue 18), measured with esbuild
 * (minified, shared parts counted once): Powertools Logger 22.7 KB alone, Metrics 15.1 KB alone, both
 * 33.7 KB (logger 16.8 + metrics 10.2 + their commons 6.5). Tracing: the Powertools Tracer would add
 * 124.6 KB (aws-xray-sdk-core), so lib/tracing.ts sends the SDK-call subsegments itself for 1.5 KB
 * (docs/operations.md "Tracing").
 */
export const OBSERVABILITY_BYTES = 37 * 1024;
export const FUNCTION_BUDGET_BYTES = 118 * 1024 + OBSERVABILITY_BYTES;
export const FUNCTION_TARGET_BYTES = 80 * 1024;
const budgetKb = FUNCTION_BUDGET_BYTES / 1024;
const targetKb = FUNCTION_TARGET_BYTES / 1024;
/**
 * The roster import function alone carries the spreadsheet reader and the multipart parser (fflate,
 * saxes, busboy): its own budget, so they can never creep into the other bundles.
 * 注销 (`account`) settles through the mall's, activities' and membership's own cancel/withdraw use cases
 * on purpose (refunds, stock and waiter promotion exactly as a member's own cancel), so it carries those
 * three repositories at once (≈ 125 KB): its own budget, rather than a second copy of their transactions.
 */
export const BUDGETS: Record<string, number> = {
  imports: 170 * 1024 + OBSERVABILITY_BYTES,
  account: 133 * 1024 + OBSERVABILITY_BYTES,
  // The scheduled jobs (points expiry, notices, reminders) serve no HTTP: no router, no middy, no zod routes.
  jobs: 64 * 1024 + OBSERVABILITY_BYTES,
};
/**
 * The AWS SDK is bundled (serverless.yml, docs/design.md "Cold start"): the DynamoDB client, its codec and
 * the environment's credentials, tree-shaken from the SDK's ES modules, without the event-stream codec —
 * the same ≈ 178 KB in every function that calls DynamoDB. Its own budget, a little above that (room for
 * the SDK's patch releases), catches a second client, the codec (≈ 20 KB), the full credential chain
 * (≈ 130 KB) or the SDK's CommonJS build (≈ 320 KB more) coming back.
 */
export const SDK_BUDGET_BYTES = 190 * 1024;
/** What the SDK is: these packages and everything they depend on (node_modules' dependency closure). */
const SDK_ROOTS = ['@aws-sdk/client-dynamodb', '@aws-sdk/util-dynamodb', '@aws-sdk/credential-provider-env'];
/**
 * Each function's zip — what Lambda fetches and unpacks before the first init: the bundle and its source
 * map (kept for reading a minified stack trace; not loaded at run time). Just above today's largest.
 */
export const ZIP_BUDGET_BYTES = 740 * 1024;
const stage = process.argv.find((a) => a.startsWith('--stage='))?.slice(8) ?? 'prod';

// Stale output would be zipped along (toolchain.md), so start clean — only packaging's own folder:
// .esbuild/offline-<port> belong to running serverless-offline instances.
for (const dir of ['.build', '.serverless']) rmSync(join(root, '.esbuild', dir), { recursive: true, force: true });
rmSync(join(root, '.serverless'), { recursive: true, force: true });
const bin = join(dirname(require.resolve('serverless/package.json')), 'bin', 'serverless.js');
execFileSync(process.execPath, [bin, 'package', '--stage', stage], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', DYNAMODB_ENDPOINT: '' },
});

const failures: string[] = [];
const handlers = join(root, '.esbuild', '.build', 'functions', 'src', 'handlers');
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const sdkPackages = dependencyClosure(SDK_ROOTS);
const buildOptions = functionBuildOptions();
const functionZips = zipsByHandler();
const sizes = await Promise.all(
  readdirSync(handlers)
    .filter((f) => f.endsWith('.mjs'))
    .map(async (file) => {
      const fn = file.replace(/\.mjs$/, '');
      const code = readFileSync(join(handlers, file));
      const sdk = await sdkBytes(fn, code);
      return { fn, bytes: code.length, own: code.length - sdk, sdk, gz: gzipSync(code).length, zip: functionZips.get(fn) ?? 0 };
    }),
);
sizes.sort((a, b) => b.own - a.own);
console.log(
  `\nfunction bundles (minified ESM with the AWS SDK bundled): own code = bundle minus the SDK, budget ${budgetKb} KB (target ${targetKb} KB; imports ${BUDGETS.imports / 1024}, ` +
    `account ${BUDGETS.account / 1024}, jobs ${BUDGETS.jobs / 1024} KB); SDK budget ${SDK_BUDGET_BYTES / 1024} KB; zip (bundle + source map) budget ${ZIP_BUDGET_BYTES / 1024} KB:`,
);
console.log(`  ${'function'.padEnd(20)} ${'own KB'.padStart(7)} ${'SDK KB'.padStart(7)} ${'KB'.padStart(7)} ${'gzip KB'.padStart(8)} ${'zip KB'.padStart(7)}`);
for (const { fn, bytes, own, sdk, gz, zip } of sizes) {
  const budget = BUDGETS[fn] ?? FUNCTION_BUDGET_BYTES;
  const over = [
    own > budget && `${fn}: own code ${kb(own)} KB > ${budget / 1024} KB`,
    sdk > SDK_BUDGET_BYTES && `${fn}: AWS SDK ${kb(sdk)} KB > ${SDK_BUDGET_BYTES / 1024} KB`,
    !zip && `${fn}: no zip in .serverless`,
    zip > ZIP_BUDGET_BYTES && `${fn}: zip ${kb(zip)} KB > ${ZIP_BUDGET_BYTES / 1024} KB`,
  ].filter((x): x is string => !!x);
  failures.push(...over);
  console.log(`${over.length ? '✗' : '✓'} ${fn.padEnd(20)} ${kb(own).padStart(7)} ${kb(sdk).padStart(7)} ${kb(bytes).padStart(7)} ${kb(gz).padStart(8)} ${kb(zip).padStart(7)}`);
}
const range = (xs: number[]) => `${kb(Math.min(...xs))}–${kb(Math.max(...xs))}`;
// The figures docs/design.md quotes are these, written here (never typed by hand).
writeFigures(
  'bundles',
  [
    `Measured by \`npm run package\` (stage ${stage}): ${sizes.length} functions. Own code (bundle minus the AWS SDK) ${range(sizes.map((x) => x.own))} KB minified ` +
      `(budget ${budgetKb} KB each, target ${targetKb} KB; ${sizes.filter((x) => x.own > FUNCTION_TARGET_BYTES).length} over the target); the bundled SDK ${range(sizes.map((x) => x.sdk))} KB (budget ${SDK_BUDGET_BYTES / 1024} KB); ` +
      `whole bundles ${range(sizes.map((x) => x.bytes))} KB, gzip ${range(sizes.map((x) => x.gz))} KB; zips (bundle + source map) ${range(sizes.map((x) => x.zip))} KB (budget ${ZIP_BUDGET_BYTES / 1024} KB).`,
    '',
    '| function | own KB | SDK KB | bundle KB | gzip KB | zip KB |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...sizes.map(({ fn, own, sdk, bytes, gz, zip }) => `| ${fn} | ${kb(own)} | ${kb(sdk)} | ${kb(bytes)} | ${kb(gz)} | ${kb(zip)} |`),
  ].join('\n'),
);

const template = JSON.parse(readFileSync(join(root, '.serverless', 'cloudformation-template-update-stack.json'), 'utf8'));
const resources = Object.values(template.Resources) as Array<{ Type: string; Properties: any }>;
const table = resources.find((r) => r.Type === 'AWS::DynamoDB::Table');
if (!table) failures.push('no DynamoDB table in the template');
const routes = resources.filter((r) => r.Type === 'AWS::ApiGatewayV2::Route').map((r) => r.Properties.RouteKey);
// The template's routes are exactly ROUTES (with PUT aliases) plus the catch-all for unknown routes.
const expectedRoutes = [...GATEWAY_ROUTE_KEYS, '$default'];
for (const key of expectedRoutes.filter((k) => !routes.includes(k))) failures.push(`route ${key} of ROUTES is not in the template`);
for (const key of routes.filter((k: string) => !expectedRoutes.includes(k))) failures.push(`route ${key} in the template is not in ROUTES`);
const role = resources.find((r) => r.Type === 'AWS::IAM::Role');
const statements = role?.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement) ?? [];
const dynamoStatements = statements.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('dynamodb:')));
for (const s of dynamoStatements) {
  // Every resource must be derived from the table's ARN (the table itself or its indexes).
  if (![s.Resource].flat().every((r: unknown) => JSON.stringify(r).includes('"Table","Arn"'))) failures.push('IAM grants DynamoDB beyond the table');
  if ([s.Action].flat().some((a: string) => a === 'dynamodb:*')) failures.push('IAM grants dynamodb:*');
}
console.log(`template: table ${table ? '✓' : '✗'}, ${routes.length} routes, ${dynamoStatements.length} DynamoDB IAM statement(s) scoped to the table`);

// The on-call engineer's alarms (scripts/alarms.cjs): every function, the API, the table, the schedules
// and the dead-letter queue, each notifying the alarm topic.
const named = Object.entries(template.Resources) as [string, { Type: string; Properties: any }][];
const alarms = named.filter(([, r]) => r.Type === 'AWS::CloudWatch::Alarm').map(([id, r]) => ({ id, ...r.Properties }));
const metricsOf = (a: any): { Namespace: string; MetricName: string; Dimensions?: any[] }[] => (a.Metrics ? a.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric) : [a]);
const watching = (namespace: string, metric: string, ref?: string) =>
  alarms.filter((a) => metricsOf(a).some((m) => m.Namespace === namespace && m.MetricName === metric && (!ref || JSON.stringify(m.Dimensions ?? []).includes(`{"Ref":"${ref}"}`))));
const alarmFailures: string[] = [];
const need = (what: string, found: unknown[]) => found.length || alarmFailures.push(`no alarm on ${what}`);
if (!named.some(([id, r]) => id === 'AlarmTopic' && r.Type === 'AWS::SNS::Topic')) alarmFailures.push('no SNS topic AlarmTopic');
for (const a of alarms) if (!JSON.stringify(a.AlarmActions ?? []).includes('{"Ref":"AlarmTopic"}')) alarmFailures.push(`alarm ${a.id} does not notify AlarmTopic`);
need('the API 5xx rate', watching('AWS/ApiGateway', '5xx', 'HttpApi'));
need('DynamoDB throttled requests', [...watching('AWS/DynamoDB', 'ReadThrottleEvents', 'Table'), ...watching('AWS/DynamoDB', 'WriteThrottleEvents', 'Table')]);
need('DynamoDB system errors', watching('AWS/DynamoDB', 'SystemErrors', 'Table'));
const fns = named.filter(([, r]) => r.Type === 'AWS::Lambda::Function');
for (const [id] of fns) {
  need(`${id} p99 latency`, watching('AWS/Lambda', 'Duration', id).filter((a) => a.ExtendedStatistic === 'p99'));
  need(`${id} errors`, watching('AWS/Lambda', 'Errors', id));
  need(`${id} throttles`, watching('AWS/Lambda', 'Throttles', id));
}
// Scheduled functions: the targets of the template's schedule rules, and any function named jobs*.
const rules = named.filter(([, r]) => r.Type === 'AWS::Events::Rule');
const scheduled = new Set([
  ...rules.flatMap(([, r]) => (r.Properties.Targets ?? []).map((t: any) => t.Arn?.['Fn::GetAtt']?.[0]).filter(Boolean)),
  ...fns.map(([id]) => id).filter((id) => /^Jobs/.test(id)),
]);
for (const id of scheduled) {
  need(`${id} not running`, watching('AWS/Lambda', 'Invocations', id).filter((a) => a.TreatMissingData === 'breaching'));
  const fn = template.Resources[id];
  if (!fn?.Properties.DeadLetterConfig) alarmFailures.push(`${id} has no dead-letter queue`);
}
for (const [id] of rules) {
  need(`schedule ${id} failing`, watching('AWS/Events', 'FailedInvocations', id));
  need(`schedule ${id} not triggered`, watching('AWS/Events', 'TriggeredRules', id).filter((a) => a.TreatMissingData === 'breaching'));
}
need('the dead-letter queue not empty', watching('AWS/SQS', 'ApproximateNumberOfMessagesVisible'));
failures.push(...alarmFailures);
console.log(`alarms: ${alarms.length} (${fns.length} functions, ${scheduled.size} scheduled, ${rules.length} schedules) ${alarmFailures.length ? `✗ ${alarmFailures.length} missing` : '✓ all in the template'}`);
// The runbook's list of alarms is this template's, written here (never typed by hand).
const byKind = new Map<string, string[]>();
for (const a of alarms) {
  const kind = a.AlarmDescription.replace(/^.*#/, '');
  byKind.set(kind, [...(byKind.get(kind) ?? []), a.id]);
}
writeFigures(
  'alarms',
  [
    `Measured by \`npm run package\` (stage ${stage}): ${alarms.length} alarms on ${fns.length} functions (${scheduled.size} scheduled, ${rules.length} schedule rules), all notifying \`AlarmTopic\`.`,
    '',
    '| alarm | what it says (threshold) | count |',
    '| --- | --- | ---: |',
    ...[...byKind].map(([kind, ids]) => {
      const first = alarms.find((a) => a.id === ids[0])!;
      return `| [${ids.length > 1 ? `\`${ids[0]}\` …` : `\`${ids[0]}\``}](#${kind}) | ${first.AlarmDescription.replace(/\s*— docs.*$/, '')} | ${ids.length} |`;
    }),
  ].join('\n'),
  'docs/operations.md',
);

// The local stack's literal secrets must not reach a cloud package: not in the template, not in the
// deployment state (which holds every stage's params), not in any bundle.
const { LITERALS } = require('./stage-guard.cjs') as { LITERALS: Record<string, Record<string, string>> };
// A keyring (`2:<key>,1:<key>`) is checked whole and key by key.
const literals = [...new Set(Object.values(LITERALS).flatMap((l) => Object.values(l)).flatMap((v) => [v, ...(v.includes(',') ? v.split(',').map((e) => e.slice(e.indexOf(':') + 1)) : [])]))];
const shipped = [join(root, '.serverless'), join(root, '.esbuild', '.build')].flatMap(filesUnder).filter((f) => /\.(json|mjs|js|map)$/.test(f));
const leaks = shipped.flatMap((f) => {
  const text = readFileSync(f, 'utf8');
  return literals.filter((l) => text.includes(l)).map((l) => `${f.slice(root.length + 1)} contains the local literal "${l.slice(0, 12)}…"`);
});
failures.push(...leaks);
console.log(`local literals: ${literals.length} checked in ${shipped.length} files, ${leaks.length ? `✗ ${leaks.length} found` : '✓ none shipped'}`);
function filesUnder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const path = join(dir, n);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Names of `roots` and of every package they depend on, resolved as Node resolves them from the repository. */
function dependencyClosure(roots: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string, from: string) => {
    if (seen.has(name)) return;
    let manifest: string;
    try {
      manifest = createRequire(from).resolve(`${name}/package.json`);
    } catch {
      return; // an optional or platform dependency that is not installed
    }
    seen.add(name);
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, manifest);
  };
  for (const name of roots) visit(name, join(root, 'functions', 'package.json'));
  return seen;
}

/**
 * Bytes of `fn`'s bundle that come from the SDK's packages, from esbuild's metafile of the same build:
 * serverless.yml's esbuild options rebuilt in memory, and the result must be byte for byte the bundle
 * serverless packaged (else the options here drifted from serverless-esbuild's and the split is refused).
 */
async function sdkBytes(fn: string, packaged: Buffer): Promise<number> {
  const entry = `functions/src/handlers/${fn}.ts`;
  const result = await build({ ...buildOptions, entryPoints: [entry], outdir: dirname(relative(root, join(handlers, `${fn}.mjs`))), write: false, metafile: true, logLevel: 'silent' });
  const out = result.outputFiles.find((f) => f.path.endsWith(`${fn}.mjs`));
  if (!out || !Buffer.from(out.contents).equals(packaged)) {
    failures.push(`${fn}: rebuilding with serverless.yml's esbuild options does not give the packaged bundle, so its SDK share is unknown`);
    return 0;
  }
  const inputs = Object.values(result.metafile.outputs).find((o) => o.entryPoint === entry)?.inputs ?? {};
  const packageOf = (path: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
  return Object.entries(inputs).reduce((sum, [path, { bytesInOutput }]) => sum + (sdkPackages.has(packageOf(path) ?? '') ? bytesInOutput : 0), 0);
}

/** Each function's zip size in .serverless, by its handler's file name. */
function zipsByHandler(): Map<string, number> {
  const fns = Object.values(JSON.parse(readFileSync(join(root, '.serverless', 'cloudformation-template-update-stack.json'), 'utf8')).Resources as Record<string, { Type: string; Properties: any }>)
    .filter((r) => r.Type === 'AWS::Lambda::Function');
  return new Map(
    fns.map((r) => [String(r.Properties.Handler).replace(/^.*\//, '').replace(/\.[^.]+$/, ''), statSync(join(root, '.serverless', String(r.Properties.Code.S3Key).replace(/^.*\//, ''))).size]),
  );
}

if (failures.length) {
  console.error(`\npackage check failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
