import { describe, expect, it } from 'vitest';
import { isWithin, nameBigrams } from '../../functions/src/repositories/orgs';
import { flattenTree } from '../../scripts/lib/seed';

describe('union tree', () => {
  const orgs = flattenTree();
  const byId = new Map(orgs.map((o) => [o.id, o]));

  it('gives every union a materialised path through its parents', () => {
    expect(byId.get('xa-yt-qy')?.path).toBe('/sx/xa/xa-yt/xa-yt-qy/');
    for (const org of orgs) {
      if (org.parentId) expect(org.path.startsWith(byId.get(org.parentId)!.path)).toBe(true);
    }
  });

  it('answers "inside the subtree" by path prefix: self and below yes, siblings and ancestors no', () => {
    const xian = byId.get('xa')!.path;
    expect(isWithin(byId.get('xa')!, xian)).toBe(true);
    expect(isWithin(byId.get('xa-yt-qy')!, xian)).toBe(true);
    expect(isWithin(byId.get('bj-wb-ql')!, xian)).toBe(false);
    expect(isWithin(byId.get('sx')!, xian)).toBe(false);
    // A prefix of the id is not a prefix of the path: "xa" must not contain "xa2".
    expect(isWithin({ path: '/sx/xa2/' }, xian)).toBe(false);
  });

  it('indexes names by their uncommon two-character pieces', () => {
    expect(nameBigrams('宝鸡秦岭机床有限公司工会')).toEqual(['宝鸡', '鸡秦', '秦岭', '岭机', '机床', '床有', '司工']);
  });
});
