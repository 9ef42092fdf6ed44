/**
 * The function bundles replace the SDK's default credential chain with the environment's credentials
 * (functions/src/lib/env-credentials.ts, serverless.yml's esbuild `alias`). Lambda gives the execution
 * role's credentials as AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN: a client built the
 * way the bundles build it signs with exactly those, and the bundles carry none of the rest of the chain.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { defaultProvider } from '../../functions/src/lib/env-credentials';
import { functionBuildOptions } from '../../scripts/lib/esbuild-options';

const seen: IncomingHttpHeaders[] = [];
const server = createServer((req, res) => {
  seen.push(req.headers);
  req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{"TableNames":[]}'));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => vi.unstubAllEnvs());

const lambdaEnv = () => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'ASIAROLEKEY');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'role-secret');
  vi.stubEnv('AWS_SESSION_TOKEN', 'role-session-token');
  vi.stubEnv('AWS_PROFILE', '');
};

describe('environment credentials (the bundles\' stand-in for the default chain)', () => {
  it('answers the execution role\'s credentials from the environment, session token included', async () => {
    lambdaEnv();
    await expect(defaultProvider()()).resolves.toMatchObject({ accessKeyId: 'ASIAROLEKEY', secretAccessKey: 'role-secret', sessionToken: 'role-session-token' });
  });

  it('fails loudly when the environment has none (no silent fallback to other sources)', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
    await expect(defaultProvider()()).rejects.toThrow(/environment variable credentials/);
  });

  it('a DynamoDB client built as in the bundles signs its requests with them', async () => {
    lambdaEnv();
    const { port } = server.address() as AddressInfo;
    const client = new DynamoDBClient({ region: 'cn-northwest-1', endpoint: `http://127.0.0.1:${port}`, credentialDefaultProvider: defaultProvider });
    await expect(client.send(new ListTablesCommand({}))).resolves.toMatchObject({ TableNames: [] });
    const headers = seen.at(-1)!;
    expect(headers.authorization).toContain('Credential=ASIAROLEKEY/');
    expect(headers['x-amz-security-token']).toBe('role-session-token');
    client.destroy();
  });

  it('is what the function bundles carry: serverless.yml\'s build has no other credential provider or STS/SSO client', async () => {
    const entry = 'functions/src/handlers/points.ts';
    const result = await build({ ...functionBuildOptions(), entryPoints: [entry], outdir: 'out', write: false, metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(Object.values(result.metafile.outputs).find((o) => o.entryPoint === entry)!.inputs);
    expect(inputs).toContain('functions/src/lib/env-credentials.ts');
    expect(inputs.filter((p) => /credential-provider-(?!env)|nested-clients|client-sts|client-sso/.test(p))).toEqual([]);
    // Taken from the SDK's ES modules, not its CommonJS build.
    expect(inputs.some((p) => p.includes('@aws-sdk/client-dynamodb/dist-es/'))).toBe(true);
    expect(inputs.filter((p) => p.includes('/dist-cjs/') && /@aws-sdk|@smithy/.test(p))).toEqual([]);
    // Nor the event-stream codec DynamoDB never uses (lib/no-event-streams.ts stands in).
    expect(inputs).toContain('functions/src/lib/no-event-streams.ts');
    expect(inputs.filter((p) => p.includes('submodules/event-streams/'))).toEqual([]);
  });
});
