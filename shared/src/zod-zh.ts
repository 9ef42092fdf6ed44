/** Chinese default messages for every zod schema, on both sides (people read them in the app). */
import * as z from 'zod/mini';
import zhCN from 'zod/v4/locales/zh-CN.js';

z.config(zhCN());
