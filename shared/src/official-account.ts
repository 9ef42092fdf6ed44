import * as z from 'zod/mini';

/** The signed query WeChat adds to every call of the official account's server URL. */
export const OaQuery = z.object({
  signature: z.optional(z.string().check(z.maxLength(64))),
  timestamp: z.optional(z.string().check(z.maxLength(20))),
  nonce: z.optional(z.string().check(z.maxLength(64))),
  echostr: z.optional(z.string().check(z.maxLength(256))),
});
