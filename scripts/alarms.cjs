/**
 * The alarms of a stage: a local serverless plugin (listed in serverless.yml's `plugins`) that adds them to
 * the packaged template, built from serverless.yml's own functions and schedules so a new function or
 * schedule is covered the day it is added. Every alarm notifies the SNS topic `AlarmTopic`, whose
 * subscribers are the `alarmSubscribers` param (comma-separated e-mail addresses or https:// endpoints);
 * thresholds in `custom.alarms`. What each alarm means and what to do: docs/operations.md "Alarms".
 *
 * - the HTTP API's 5xx rate; per function p99 latency, errors and throttles;
 * - the table's throttled requests and system errors;
 * - every scheduled function (a `schedule` event, or a name starting with `jobs`): not invoked within
 *   its window, each schedule rule not triggered within its own window or failing to invoke it; its failed asynchronous invocations go to
 *   the dead-letter queue `AsyncDlq`, which alarms when it is not empty.
 * `npm run package` (scripts/package.ts) checks all of them are in the template.
 */

const pascal = (name) => name.charAt(0).toUpperCase() + name.slice(1).replace(/[^A-Za-z0-9]/g, '');

/** Seconds between runs of a `rate(…)` schedule; a cron is taken as daily (the longest we alarm on). */
function intervalSeconds(rate) {
  const m = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(String(rate).trim());
  if (!m) return 86_400;
  return Number(m[1]) * { minute: 60, minutes: 60, hour: 3600, hours: 3600, day: 86_400, days: 86_400 }[m[2]];
}

const schedulesOf = (fn) => (fn.events ?? []).filter((e) => e && e.schedule).map((e) => (typeof e.schedule === 'string' ? e.schedule : e.schedule.rate));
const isScheduled = (name, fn) => name.startsWith('jobs') || schedulesOf(fn).length > 0;

function alarm(description, props) {
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmDescription: description,
      AlarmActions: [{ Ref: 'AlarmTopic' }],
      OKActions: [{ Ref: 'AlarmTopic' }],
      TreatMissingData: 'notBreaching',
      ...props,
    },
  };
}

function subscriptions(list) {
  return String(list ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((endpoint) => ({ Endpoint: endpoint, Protocol: endpoint.startsWith('https://') ? 'https' : 'email' }));
}

/** The alarm resources for these functions (serverless.yml's `functions`) and settings (`custom.alarms`). */
function build({ functions, settings, stage, defaultTimeout, naming }) {
  const Resources = {
    AlarmTopic: {
      Type: 'AWS::SNS::Topic',
      Properties: { TopicName: `zhgh-${stage}-alarms`, DisplayName: `指尖上的工会 ${stage} 告警`, Subscription: subscriptions(settings.subscribers) },
    },
    AsyncDlq: {
      Type: 'AWS::SQS::Queue',
      Properties: { QueueName: `zhgh-${stage}-async-dlq`, MessageRetentionPeriod: 1_209_600, SqsManagedSseEnabled: true },
    },
    AsyncDlqNotEmpty: alarm('异步任务（定时任务）重试后仍失败，事件进入死信队列 — docs/operations.md#asyncdlqnotempty', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['AsyncDlq', 'QueueName'] } }],
      Statistic: 'Maximum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    }),
    Api5xxRate: alarm(`API 5xx 比例超过 ${settings.api5xxPercent}%（两个 5 分钟窗口，至少 ${settings.api5xxMinRequests} 次请求）— docs/operations.md#api5xxrate`, {
      Metrics: [
        { Id: 'errors', ReturnData: false, MetricStat: { Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5xx', Dimensions: [{ Name: 'ApiId', Value: { Ref: 'HttpApi' } }] }, Period: 300, Stat: 'Sum' } },
        { Id: 'requests', ReturnData: false, MetricStat: { Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count', Dimensions: [{ Name: 'ApiId', Value: { Ref: 'HttpApi' } }] }, Period: 300, Stat: 'SampleCount' } },
        { Id: 'rate', Label: '5xx %', ReturnData: true, Expression: `IF(requests >= ${settings.api5xxMinRequests}, 100 * errors / requests, 0)` },
      ],
      EvaluationPeriods: 2,
      Threshold: settings.api5xxPercent,
      ComparisonOperator: 'GreaterThanThreshold',
    }),
  };
  const table = (metric, dims = []) => ({ Namespace: 'AWS/DynamoDB', MetricName: metric, Dimensions: [{ Name: 'TableName', Value: { Ref: 'Table' } }, ...dims] });
  const gsi = [{ Name: 'GlobalSecondaryIndexName', Value: 'GSI1' }];
  Resources.DynamoThrottled = alarm('DynamoDB 表或 GSI1 出现限流（读/写 throttle 事件）— docs/operations.md#dynamothrottled', {
    Metrics: [
      ...[['r', table('ReadThrottleEvents')], ['w', table('WriteThrottleEvents')], ['gr', table('ReadThrottleEvents', gsi)], ['gw', table('WriteThrottleEvents', gsi)]].map(([Id, Metric]) => ({ Id, ReturnData: false, MetricStat: { Metric, Period: 300, Stat: 'Sum' } })),
      { Id: 'throttled', Label: 'throttle events', ReturnData: true, Expression: 'FILL(r, 0) + FILL(w, 0) + FILL(gr, 0) + FILL(gw, 0)' },
    ],
    EvaluationPeriods: 1,
    Threshold: settings.dynamoThrottleEvents,
    ComparisonOperator: 'GreaterThanThreshold',
  });
  // SystemErrors exists per operation only: the operations the functions and scripts use.
  const ops = ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem'];
  Resources.DynamoSystemErrors = alarm('DynamoDB 服务端错误（HTTP 500）— docs/operations.md#dynamosystemerrors', {
    Metrics: [
      ...ops.map((op, i) => ({ Id: `o${i}`, ReturnData: false, MetricStat: { Metric: table('SystemErrors', [{ Name: 'Operation', Value: op }]), Period: 300, Stat: 'Sum' } })),
      { Id: 'errors', Label: 'system errors', ReturnData: true, Expression: ops.map((_, i) => `FILL(o${i}, 0)`).join(' + ') },
    ],
    EvaluationPeriods: 1,
    Threshold: 0,
    ComparisonOperator: 'GreaterThanThreshold',
  });

  /** Scheduled functions: their failed asynchronous invocations go to AsyncDlq. */
  const deadLettered = [];
  for (const [name, fn] of Object.entries(functions)) {
    const id = naming.getLambdaLogicalId(name);
    const key = pascal(name);
    const dims = [{ Name: 'FunctionName', Value: { Ref: id } }];
    const lambda = (metric) => ({ Namespace: 'AWS/Lambda', MetricName: metric, Dimensions: dims });
    const scheduled = isScheduled(name, fn);
    const timeoutMs = (fn.timeout ?? defaultTimeout) * 1000;
    // An answer the member waits for has a latency budget; a scheduled run works until near its timeout by design.
    const p99 = settings.latencyP99MsOf?.[name] ?? (scheduled ? Math.round(timeoutMs * 0.95) : Math.min(settings.latencyP99Ms, timeoutMs * 0.8));
    Resources[`${key}LatencyP99`] = alarm(`${name} 的 p99 耗时超过 ${p99} ms（5 分钟中 3 分钟）— docs/operations.md#latencyp99`, {
      ...lambda('Duration'),
      ExtendedStatistic: 'p99',
      Period: 60,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 3,
      Threshold: p99,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    Resources[`${key}Errors`] = alarm(`${name} 函数报错（未处理异常、超时、初始化失败）— docs/operations.md#errors`, {
      ...lambda('Errors'),
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: settings.functionErrors,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    Resources[`${key}Throttles`] = alarm(`${name} 函数被限流（并发配额用尽）— docs/operations.md#throttles`, {
      ...lambda('Throttles'),
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    if (!scheduled) continue;

    // Not running: no invocation in a window of three intervals of its most frequent schedule (1 h to 1 day).
    const schedules = schedulesOf(fn);
    const every = Math.min(...schedules.map(intervalSeconds), 86_400);
    const hours = Math.min(24, Math.max(1, Math.ceil((3 * every) / 3600)));
    Resources[`${key}NotRunning`] = alarm(`定时任务 ${name} 已 ${hours} 小时没有运行 — docs/operations.md#notrunning`, {
      ...lambda('Invocations'),
      Statistic: 'Sum',
      Period: 3600,
      EvaluationPeriods: hours,
      DatapointsToAlarm: hours,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
    schedules.forEach((rate, i) => {
      const rule = { Name: 'RuleName', Value: { Ref: naming.getScheduleLogicalId(name, i + 1) } };
      // Each schedule on its own (a daily one would hide behind a frequent one in the function's count).
      const ruleHours = Math.min(24, Math.max(1, Math.ceil((3 * intervalSeconds(rate)) / 3600)));
      Resources[`${key}Schedule${i + 1}NotTriggered`] = alarm(`定时任务 ${name} 的第 ${i + 1} 个计划（${rate}）已 ${ruleHours} 小时没有触发 — docs/operations.md#notrunning`, {
        Namespace: 'AWS/Events',
        MetricName: 'TriggeredRules',
        Dimensions: [rule],
        Statistic: 'Sum',
        Period: 3600,
        EvaluationPeriods: ruleHours,
        DatapointsToAlarm: ruleHours,
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
        TreatMissingData: 'breaching',
      });
      Resources[`${key}Schedule${i + 1}Failed`] = alarm(`定时任务 ${name} 的第 ${i + 1} 个计划调用失败（EventBridge 无法调用函数）— docs/operations.md#schedulefailed`, {
        Namespace: 'AWS/Events',
        MetricName: 'FailedInvocations',
        Dimensions: [rule],
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    });
    // Failed asynchronous (scheduled) invocations, after Lambda's two retries, are kept for a look.
    deadLettered.push(id);
  }
  return { Resources, Outputs: { AlarmTopicArn: { Value: { Ref: 'AlarmTopic' } } }, deadLettered };
}

const DEFAULTS = { latencyP99Ms: 3000, api5xxPercent: 1, api5xxMinRequests: 20, dynamoThrottleEvents: 0, functionErrors: 0, subscribers: '' };

/** The plugin: once the functions and their events are compiled, adds the alarms to the template. */
class Alarms {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = { 'package:compileEvents': () => this.addAlarms() };
  }

  addAlarms() {
    const service = this.serverless.service;
    const provider = this.serverless.getProvider('aws');
    const template = service.provider.compiledCloudFormationTemplate;
    const built = build({
      functions: service.functions ?? {},
      settings: { ...DEFAULTS, ...(service.custom?.alarms ?? {}) },
      stage: provider.getStage(),
      defaultTimeout: service.provider.timeout ?? 6,
      naming: provider.naming,
    });
    Object.assign(template.Resources, built.Resources);
    Object.assign((template.Outputs ??= {}), built.Outputs);
    for (const id of built.deadLettered) template.Resources[id].Properties.DeadLetterConfig = { TargetArn: { 'Fn::GetAtt': ['AsyncDlq', 'Arn'] } };
  }
}

module.exports = Alarms;
module.exports.build = build;
module.exports.intervalSeconds = intervalSeconds;
