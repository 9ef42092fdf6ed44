/**
 * DynamoDB Local: AWS's own emulator jar, shipped inside the npm package amplify-dynamodb-simulator,
 * run with the machine's Java. `-sharedDb` so every credential/region pair sees one database.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { describeExit, spawnPart, type Part } from './processes';

const require = createRequire(import.meta.url);

export interface DynamoLocal {
  endpoint: string;
  /** The java process (its own process group), with its last log lines. */
  part: Part;
  stop(): Promise<void>;
}

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'cn-northwest-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

async function waitUntilUp(endpoint: string, part: Part, timeoutMs = 30_000): Promise<void> {
  const client = localClient(endpoint);
  const deadline = Date.now() + timeoutMs;
  let exit: string | undefined;
  void part.exited.then((e) => (exit = describeExit(e)));
  try {
    while (Date.now() < deadline) {
      if (exit) throw new Error(`DynamoDB Local stopped (${exit}) before it answered:\n${part.lastLines().slice(-10).join('\n')}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    client.destroy();
  }
  throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms`);
}

/** Starts DynamoDB Local on `port`, in memory or keeping its data in `dbPath`. */
export async function startDynamoLocal(opts: { port: number; dbPath?: string; quiet?: boolean }): Promise<DynamoLocal> {
  const emulator = join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
  const storage = opts.dbPath ? ['-dbPath', opts.dbPath] : ['-inMemory'];
  if (opts.dbPath) mkdirSync(opts.dbPath, { recursive: true });
  const part = spawnPart(
    'DynamoDB Local',
    'java',
    ['-Xmx1g', `-Djava.library.path=${join(emulator, 'DynamoDBLocal_lib')}`, '-jar', join(emulator, 'DynamoDBLocal.jar'), '-sharedDb', '-port', String(opts.port), ...storage],
    { cwd: emulator, log: opts.quiet ? undefined : (line) => /error|exception|warn/i.test(line) && console.error(`  dynamodb | ${line}`) },
  );
  const endpoint = `http://127.0.0.1:${opts.port}`;
  try {
    await waitUntilUp(endpoint, part);
  } catch (error) {
    await part.stop();
    throw error;
  }
  return { endpoint, part, stop: () => part.stop() };
}
