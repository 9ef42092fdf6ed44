/**
 * X-Ray subsegments for the SDK's DynamoDB calls, without the X-Ray SDK. With active tracing on
 * (serverless.yml `provider.tracing.lambda`), Lambda opens each invocation's segment and passes its ids in
 * the trace header; this middleware sends one subsegment per call — operation, table, request id, retries,
 * throttle/error/fault — to the X-Ray daemon's UDP port, as the X-Ray SDK does. The Powertools Tracer
 * would do the same through aws-xray-sdk-core at +124.6 KB per bundle (scripts/package.ts); this is ~1 KB.
 * Unsampled invocations and processes outside Lambda send nothing.
 */
import { getXrayTraceDataFromEnv } from '@aws-lambda-powertools/commons/utils/env';
import { createSocket, type Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const HEADER = '{"format":"json","version":1}\n';
let socket: Socket | undefined;

/** `AWS_XRAY_DAEMON_ADDRESS` is `host:port`, or `udp:host:port tcp:host:port`. */
function daemon(): { host: string; port: number } | undefined {
  const value = process.env.AWS_XRAY_DAEMON_ADDRESS;
  if (!value) return undefined;
  const udp = value.split(' ').find((part) => part.startsWith('udp:'))?.slice(4) ?? value;
  const at = udp.lastIndexOf(':');
  return at > 0 ? { host: udp.slice(0, at), port: Number(udp.slice(at + 1)) } : undefined;
}

function send(document: object): void {
  const to = daemon();
  if (!to) return;
  socket ??= createSocket('udp4').unref();
  socket.send(HEADER + JSON.stringify(document), to.port, to.host, () => {
    // Best effort, as the X-Ray SDK: a lost subsegment never fails a request.
  });
}

interface SdkResult {
  $metadata?: { requestId?: string; attempts?: number; httpStatusCode?: number };
}

/** The table a command names: `TableName`, or the first of a batch's or transaction's items. */
function tableOf(input: Record<string, any>): string | undefined {
  if (input.TableName) return input.TableName;
  if (input.RequestItems) return Object.keys(input.RequestItems)[0];
  const item = input.TransactItems?.[0];
  return item && (Object.values(item)[0] as { TableName?: string } | undefined)?.TableName;
}

/** Adds the subsegment middleware to a DynamoDB client (lib/dynamo.ts and lib/transact.ts build theirs with it). */
export function traced<C extends DynamoDBClient>(client: C): C {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const trace = getXrayTraceDataFromEnv();
      if (trace?.Sampled !== '1' || !trace.Root || !trace.Parent || !daemon()) return next(args);
      const start = Date.now() / 1000;
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const subsegment = (meta: SdkResult['$metadata'], failure?: { name?: string }) => {
        const status = meta?.httpStatusCode;
        send({
          id: randomBytes(8).toString('hex'),
          trace_id: trace.Root,
          parent_id: trace.Parent,
          type: 'subsegment',
          name: 'DynamoDB',
          namespace: 'aws',
          start_time: start,
          end_time: Date.now() / 1000,
          aws: { operation, table_name: tableOf((args.input ?? {}) as Record<string, any>), region: process.env.AWS_REGION, request_id: meta?.requestId, retries: Math.max(0, (meta?.attempts ?? 1) - 1) },
          ...(status ? { http: { response: { status } } } : {}),
          ...(failure ? { ...(status === 429 || /Throttl|ProvisionedThroughputExceeded/.test(failure.name ?? '') ? { throttle: true } : {}), ...(status && status < 500 ? { error: true } : { fault: true }), cause: { exceptions: [{ type: failure.name }] } } : {}),
        });
      };
      try {
        const result = await next(args);
        subsegment((result.output as SdkResult).$metadata);
        return result;
      } catch (error) {
        subsegment((error as SdkResult).$metadata, error as { name?: string });
        throw error;
      }
    },
    { step: 'initialize', name: 'xraySubsegment' },
  );
  return client;
}
