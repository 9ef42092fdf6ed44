/** A union subtree of its own for a test (so its counters are the test's alone), and plain users. */
import { randomUUID } from 'node:crypto';
import type { Org } from '@union/shared/orgs';
import { orgWriteRequests } from '../../functions/src/repositories/orgs';
import { batchWrite } from '../../functions/src/repositories/roster';
import { UsersRepository, newProfile } from '../../functions/src/repositories/users';

/** A county union under 陕西省总工会 with `basics` basic unions: ids `<prefix>`, `<prefix>-0`, … */
export async function ownSubtree(basics = 2): Promise<{ county: Org; basic: Org[] }> {
  const prefix = `t${randomUUID().slice(0, 8)}`;
  const county: Org = { id: prefix, name: `测试区总工会${prefix}`, level: 'county', parentId: 'sx', path: `/sx/${prefix}/` };
  const basic: Org[] = Array.from({ length: basics }, (_, i) => ({ id: `${prefix}-${i}`, name: `测试${prefix}第${i}公司工会`, level: 'basic', parentId: prefix, path: `/sx/${prefix}/${prefix}-${i}/` }));
  await batchWrite([county, ...basic].flatMap((o, i) => orgWriteRequests(o, 900 + i)));
  return { county, basic };
}

const users = new UsersRepository();
export async function newUser(): Promise<string> {
  const id = randomUUID();
  await users.createForOpenid(newProfile(id, `roster-${id}`, undefined, new Date()));
  return id;
}
