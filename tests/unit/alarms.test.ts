/**
 * scripts/alarms.cjs builds the alarms from serverless.yml's functions: every function gets p99 latency,
 * errors and throttles; a scheduled one (a schedule event, or a name starting with `jobs`) also gets
 * "not running" over three of its intervals, one alarm per schedule rule and the dead-letter queue.
 * (`npm run package` checks the real template holds them all.)
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const { build, intervalSeconds } = createRequire(import.meta.url)('../../scripts/alarms.cjs');
const naming = { getLambdaLogicalId: (n: string) => `${n[0].toUpperCase()}${n.slice(1)}LambdaFunction`, getScheduleLogicalId: (n: string, i: number) => `${n[0].toUpperCase()}${n.slice(1)}EventsRuleSchedule${i}` };
const settings = { latencyP99Ms: 3000, latencyP99MsOf: { imports: 20000 }, api5xxPercent: 1, api5xxMinRequests: 20, dynamoThrottleEvents: 0, functionErrors: 0, subscribers: 'ops@example.cn, https://hooks.example.cn/x' };

describe('alarms', () => {
  const functions = {
    mall: { events: [{ httpApi: 'GET /v1/goods' }] },
    imports: { events: [] },
    officialAccount: { timeout: 5, events: [] },
    jobs: { timeout: 840, events: [{ schedule: { rate: 'rate(15 minutes)' } }, { schedule: { rate: 'cron(0 0 * * ? *)' } }] },
  };
  const { Resources, deadLettered } = build({ functions, settings, stage: 'prod', defaultTimeout: 29, naming });

  it('notify one topic whose subscribers are the parameter', () => {
    expect(Resources.AlarmTopic.Properties.Subscription).toEqual([{ Endpoint: 'ops@example.cn', Protocol: 'email' }, { Endpoint: 'https://hooks.example.cn/x', Protocol: 'https' }]);
    const alarms = Object.values(Resources as Record<string, any>).filter((r) => r.Type === 'AWS::CloudWatch::Alarm');
    expect(alarms.every((a) => a.Properties.AlarmActions[0].Ref === 'AlarmTopic')).toBe(true);
  });

  it('give each function p99 latency (its own budget), errors and throttles', () => {
    for (const fn of ['Mall', 'Imports', 'OfficialAccount', 'Jobs']) for (const what of ['LatencyP99', 'Errors', 'Throttles']) expect(Resources[`${fn}${what}`], `${fn}${what}`).toBeDefined();
    expect(Resources.MallLatencyP99.Properties).toMatchObject({ ExtendedStatistic: 'p99', Threshold: 3000, Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'MallLambdaFunction' } }] });
    expect(Resources.ImportsLatencyP99.Properties.Threshold).toBe(20000);
    expect(Resources.OfficialAccountLatencyP99.Properties.Threshold).toBe(3000);
    expect(Resources.JobsLatencyP99.Properties.Threshold).toBe(798000);
  });

  it('watch a scheduled function running, each schedule rule, and the dead-letter queue', () => {
    expect(intervalSeconds('rate(15 minutes)')).toBe(900);
    expect(Resources.JobsNotRunning.Properties).toMatchObject({ MetricName: 'Invocations', Period: 3600, EvaluationPeriods: 1, TreatMissingData: 'breaching', ComparisonOperator: 'LessThanThreshold' });
    expect(Resources.JobsSchedule1Failed.Properties.Dimensions[0].Value).toEqual({ Ref: 'JobsEventsRuleSchedule1' });
    expect(Resources.JobsSchedule2Failed).toBeDefined();
    // The daily reminder schedule is watched on its own: the 15-minute one would hide it in the function's count.
    expect(Resources.JobsSchedule1NotTriggered.Properties).toMatchObject({ MetricName: 'TriggeredRules', EvaluationPeriods: 1, TreatMissingData: 'breaching' });
    expect(Resources.JobsSchedule2NotTriggered.Properties).toMatchObject({ MetricName: 'TriggeredRules', EvaluationPeriods: 24 });
    expect(deadLettered).toEqual(['JobsLambdaFunction']);
    expect(Resources.AsyncDlqNotEmpty.Properties.MetricName).toBe('ApproximateNumberOfMessagesVisible');
    expect(Resources.MallNotRunning).toBeUndefined();
  });
});
