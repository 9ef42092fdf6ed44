/**
 * Business and health counters as CloudWatch metrics (Powertools Metrics): written as EMF JSON lines on
 * stdout at the end of each invocation — CloudWatch Logs extracts them, no PutMetricData call, no latency.
 * Namespace `zhgh`, dimensions `service` and `stage`. The alarms in serverless.yml and the runbook
 * (docs/operations.md) name them.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type middy from '@middy/core';

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'zhgh',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'zhgh',
  defaultDimensions: { stage: process.env.STAGE ?? 'unknown' },
});

/** Successful answers worth counting, by operation (a replayed idempotent answer is not counted again). */
export const COUNTED_OPERATIONS: Record<string, string> = {
  'POST /v1/sign-ins': 'SignIns',
  'POST /v1/redemptions': 'Redemptions',
  'POST /v1/member-verifications': 'MemberVerifications',
};

/** Error answers worth counting, by code: overload, outage, abuse, and 会员认证 that did not match the roster. */
export const COUNTED_ERRORS: Record<string, string> = {
  BUSY: 'BusyAnswers',
  UNAVAILABLE: 'UnavailableAnswers',
  RATE_LIMITED: 'RateLimited',
  VERIFICATION_FAILED: 'MemberVerificationFailures',
};

/** Adds `value` to counter `name` of this invocation. */
export function count(name: string, value = 1): void {
  if (value > 0) metrics.addMetric(name, MetricUnit.Count, value);
}

/**
 * Middleware of every route: publishes what the invocation counted (nothing when it counted nothing),
 * with the Lambda request id and the hashed user as metadata, so a metric leads to its log lines.
 */
export function publishMetrics(user: (context: object) => string | undefined): middy.MiddlewareObj {
  const publish = (request: middy.Request) => {
    if (!metrics.hasStoredMetrics()) return;
    const who = user(request.context);
    metrics.addMetadata('function_request_id', request.context.awsRequestId);
    if (who) metrics.addMetadata('user', who);
    metrics.publishStoredMetrics();
  };
  return { after: publish, onError: publish };
}
