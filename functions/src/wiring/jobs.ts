/** The scheduled jobs' composition root: points expiry with its notices, sign-in reminders, the 注销 erase sweep. */
import { config, type Config } from '../config';
import { AccountsRepository } from '../repositories/accounts';
import { subscribeMessagesFor } from '../adapters/subscribe-messages';
import { LotsRepository } from '../repositories/lots';
import { PointsRepository } from '../repositories/points';
import { RemindersRepository } from '../repositories/reminders';
import { SentMessagesLog } from '../repositories/sent-messages';
import { UsersRepository } from '../repositories/users';
import type { ExpiryDeps } from '../usecases/expiry';
import type { ReminderDeps } from '../usecases/reminders';
import type { Accounts } from '../usecases/ports';

export function jobDeps(c: Config = config()): { expiry: ExpiryDeps; reminders: ReminderDeps; erasures: { accounts: Accounts } } {
  const subscribe = subscribeMessagesFor(c, () => new SentMessagesLog());
  const lots = new LotsRepository();
  return {
    expiry: { points: new PointsRepository(), lots, subscribe, expiryTemplateId: c.WECHAT_TEMPLATE_POINTS_EXPIRY, noticeDays: c.POINTS_EXPIRY_NOTICE_DAYS },
    reminders: { users: new UsersRepository(), reminders: new RemindersRepository(), lots, subscribe, reminderTemplateId: c.WECHAT_TEMPLATE_SIGNIN_REMINDER },
    erasures: { accounts: new AccountsRepository() },
  };
}
