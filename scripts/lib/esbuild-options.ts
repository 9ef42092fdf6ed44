/**
 * serverless.yml's `custom.esbuild` as the esbuild options serverless-esbuild hands to esbuild (its own
 * keys removed): for the scripts that rebuild a function in memory (scripts/package.ts for the metafile,
 * bench/cold-start-variants.ts for the alternatives).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';
import yaml from 'js-yaml';

const root = join(import.meta.dirname, '..', '..');
// CloudFormation tags (!Ref, !GetAtt…) do not matter for the esbuild options: read them as plain values.
const CFN_TAGS = ['Ref', 'GetAtt', 'Sub', 'Join', 'Select', 'Split', 'If', 'Equals', 'ImportValue', 'FindInMap', 'GetAZs', 'Base64', 'Condition', 'Not', 'And', 'Or'].flatMap((tag) =>
  (['scalar', 'sequence', 'mapping'] as const).map((kind) => new yaml.Type(`!${tag}`, { kind, construct: (data: unknown) => data })),
);
/** serverless-esbuild's options that are not esbuild's (it removes them before calling esbuild). */
const PLUGIN_ONLY = ['exclude', 'keepOutputDirectory', 'outputWorkFolder', 'outputBuildFolder', 'outputFileExtension', 'packager', 'packagerOptions', 'concurrency', 'zipConcurrency', 'nativeZip', 'installExtraArgs', 'nodeExternals', 'skipBuild', 'skipRebuild', 'skipBuildExcludeFns', 'stripEntryResolveExtensions', 'disposeContext', 'watch', 'packagePath'];

export function functionBuildOptions(): BuildOptions {
  const sls = yaml.load(readFileSync(join(root, 'serverless.yml'), 'utf8'), { schema: yaml.DEFAULT_SCHEMA.extend(CFN_TAGS) }) as { custom: { esbuild: Record<string, unknown> } };
  const options = sls.custom.esbuild;
  return {
    ...Object.fromEntries(Object.entries(options).filter(([k]) => !PLUGIN_ONLY.includes(k))),
    outExtension: { '.js': String(options.outputFileExtension) },
    absWorkingDir: root,
  } as BuildOptions;
}
