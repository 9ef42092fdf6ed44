/**
 * Configuration, read and validated once at cold start: a missing or malformed variable fails loudly
 * here rather than in the middle of a request.
 */
import * as z from 'zod';

const Env = z.object({
  STAGE: z.string().min(1),
  TABLE_NAME: z.string().min(1),
  /** Set on the local stack and in tests (DynamoDB Local); empty in the cloud. */
  DYNAMODB_ENDPOINT: z.string().optional(),
  AWS_REGION: z.string().default('cn-northwest-1'),
  TOKEN_SECRET: z.string().min(32, 'TOKEN_SECRET must be at least 32 characters'),
  TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(7200),
  WECHAT_APPID: z.string().default(''),
  WECHAT_SECRET: z.string().default(''),
  SIGNIN_BASE_POINTS: z.coerce.number().int().positive().default(5),
  SIGNIN_STREAK_STEP: z.coerce.number().int().min(0).default(1),
  SIGNIN_MAX_POINTS: z.coerce.number().int().positive().default(10),
  CORS_ORIGIN: z.string().default('*'),
  /** AES-256-GCM key for personal data at rest: 32 bytes, base64. */
  PII_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'PII_KEY must be 32 bytes, base64-encoded'),
  /** Subscribe-message template for review results (empty: none configured). */
  WECHAT_TEMPLATE_REVIEW_RESULT: z.string().default(''),
});
export type Config = z.infer<typeof Env>;

/** Stages where `dev:<name>` login codes are accepted. Everywhere else they are refused. */
export const DEV_LOGIN_STAGES = ['local', 'test'] as const;

let cached: Config | undefined;

/** The validated configuration of this process. */
export function config(): Config {
  if (!cached) {
    const parsed = Env.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    cached = parsed.data;
  }
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
