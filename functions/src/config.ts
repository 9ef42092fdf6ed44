/**
 * Configuration, read and validated once at cold start: a missing or malformed variable fails loudly
 * here rather than in the middle of a request.
 */
import * as z from 'zod/mini';
import { PiiKeyring } from './lib/pii-keyring';

const whole = (min: number, fallback: number) =>
  z._default(z.coerce.number().check(z.refine(Number.isInteger, 'must be a whole number'), z.gte(min)), fallback);
const text = (fallback: string) => z._default(z.string(), fallback);

const Env = z.object({
  STAGE: z.string().check(z.minLength(1)),
  TABLE_NAME: z.string().check(z.minLength(1)),
  /** Set on the local stack and in tests (DynamoDB Local); empty in the cloud. */
  DYNAMODB_ENDPOINT: z.optional(z.string()),
  AWS_REGION: text('cn-northwest-1'),
  /**
   * How long one DynamoDB call may take (serverless.yml says why these numbers): the TCP connection,
   * the whole request, and the SDK's attempts. A hung database becomes a 503 well before the function's
   * 29 s and API Gateway's 30 s.
   */
  DYNAMODB_CONNECT_TIMEOUT_MS: whole(100, 1000),
  DYNAMODB_REQUEST_TIMEOUT_MS: whole(100, 3000),
  DYNAMODB_MAX_ATTEMPTS: whole(1, 3),
  TOKEN_SECRET: z.string().check(z.minLength(32, 'TOKEN_SECRET must be at least 32 characters')),
  TOKEN_TTL_SECONDS: whole(60, 7200),
  WECHAT_APPID: text(''),
  WECHAT_SECRET: text(''),
  SIGNIN_BASE_POINTS: whole(1, 5),
  SIGNIN_STREAK_STEP: whole(0, 1),
  SIGNIN_MAX_POINTS: whole(1, 10),
  /** Reading points (product.md): an article must be open this long, and this many articles a day earn. */
  ARTICLE_READ_MIN_SECONDS: whole(0, 10),
  ARTICLE_READS_PER_DAY: whole(1, 3),
  /** Points for reading one article when its cadre set none. */
  ARTICLE_READ_POINTS: whole(1, 2),
  CORS_ORIGIN: text('*'),
  /** Keyring of personal data at rest (lib/pii.ts): one 32-byte base64 key, or `2:<b64>,1:<b64>` (first = current). */
  PII_KEY: z.string().check(z.superRefine((v, ctx) => {
    try {
      new PiiKeyring(v);
    } catch (error) {
      ctx.issues.push({ code: 'custom', message: (error as Error).message, input: v });
    }
  })),
  /** Openids (comma-separated) that become the root union's first cadre when it has none. */
  ROOT_CADRE_OPENIDS: text(''),
  /** Writes per user and route per minute, and logins per client address per minute. */
  RATE_WRITE_PER_MINUTE: whole(1, 30),
  RATE_LOGIN_PER_MINUTE: whole(1, 20),
  /** How long an instance answers sold-out goods from memory without reading them (usecases/sold-out.ts). */
  SOLD_OUT_MEMORY_MS: whole(0, 3000),
  /** Goods published with at least this stock are hot: their stock is split over STOCK_SHARDS items. */
  HOT_STOCK_FROM: whole(1, 1000),
  STOCK_SHARDS: whole(1, 10),
  /** The official account's server token (signature of pushes), AppID and secret. */
  OA_TOKEN: text(''),
  OA_APPID: text(''),
  OA_SECRET: text(''),
  /** Subscribe-message template for review results (empty: none configured). */
  WECHAT_TEMPLATE_REVIEW_RESULT: text(''),
});
export type Config = z.infer<typeof Env>;

/** Stages of the local stack, with literal secrets and development adapters (`dev:<name>` logins). */
export const DEV_LOGIN_STAGES = ['local', 'test'] as const;

const isLocalEndpoint = (endpoint: string | undefined) => {
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(endpoint ?? '').hostname);
  } catch {
    return false;
  }
};

/**
 * The local stack: a local/test stage AND DynamoDB Local. The stage name alone is not enough — a cloud
 * deploy named `test` must never get development logins. (scripts/stage-guard.cjs applies the same
 * rule when serverless.yml is read.)
 */
export function isLocalStack(c: Pick<Config, 'STAGE' | 'DYNAMODB_ENDPOINT'>): boolean {
  return (DEV_LOGIN_STAGES as readonly string[]).includes(c.STAGE) && isLocalEndpoint(c.DYNAMODB_ENDPOINT);
}

/** What a cloud stage cannot run without: they come from SSM, and there is no fallback. */
const CLOUD_REQUIRED = ['WECHAT_APPID', 'WECHAT_SECRET', 'OA_TOKEN', 'OA_APPID', 'OA_SECRET'] as const;

/** Validates an environment: fails on anything malformed, a local stage off DynamoDB Local, or a cloud stage missing a secret. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const c = parsed.data;
  if ((DEV_LOGIN_STAGES as readonly string[]).includes(c.STAGE) && !isLocalStack(c)) {
    throw new Error(`Invalid configuration: stage ${c.STAGE} runs on the local stack only (DynamoDB Local), not against ${c.DYNAMODB_ENDPOINT || 'the cloud'}`);
  }
  if (!isLocalStack(c)) {
    const missing = CLOUD_REQUIRED.filter((k) => !c[k]);
    if (missing.length) throw new Error(`Invalid configuration: stage ${c.STAGE} needs ${missing.join(', ')} (SSM parameters)`);
  }
  return c;
}

let cached: Config | undefined;

/** The validated configuration of this process. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** The sign-in reward rule (product.md): base on day one of a streak, +step a day, capped. */
export interface SignInRule {
  basePoints: number;
  streakStep: number;
  maxPoints: number;
}

export function signInRule(c: Config = config()): SignInRule {
  return { basePoints: c.SIGNIN_BASE_POINTS, streakStep: c.SIGNIN_STREAK_STEP, maxPoints: c.SIGNIN_MAX_POINTS };
}

/** The reading-points rule (product.md): once per article, after `minSeconds` open, `perDay` articles a day. */
export interface ReadingRule {
  minSeconds: number;
  perDay: number;
  defaultPoints: number;
}

export function readingRule(c: Config = config()): ReadingRule {
  return { minSeconds: c.ARTICLE_READ_MIN_SECONDS, perDay: c.ARTICLE_READS_PER_DAY, defaultPoints: c.ARTICLE_READ_POINTS };
}
