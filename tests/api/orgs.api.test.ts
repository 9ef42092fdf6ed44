import { describe, expect, it } from 'vitest';
import { OrgPage, Org } from '@union/shared/orgs';
import { call, login } from './client';

describe('unions', () => {
  it('lists the top-level union, its children and a basic-level union', async () => {
    const { token } = await login();
    const top = OrgPage.parse((await call('GET', '/v1/orgs', { token })).body);
    expect(top.items.map((o) => o.name)).toEqual(['陕西省总工会']);

    const children = OrgPage.parse((await call('GET', '/v1/orgs/sx/children', { token })).body);
    expect(children.items.map((o) => o.name)).toContain('西安市总工会');
    expect(children.items.every((o) => o.parentId === 'sx')).toBe(true);
    expect(children.items.find((o) => o.id === 'jy')?.level).toBe('industry');

    const basic = Org.parse((await call('GET', '/v1/orgs/xa-yt-qy', { token })).body);
    expect(basic).toEqual({ id: 'xa-yt-qy', name: '陕西秦云软件有限公司工会', parentId: 'xa-yt', level: 'basic', path: '/sx/xa/xa-yt/xa-yt-qy/', status: 'open' });
  });

  it('pages through children with a cursor', async () => {
    const { token } = await login();
    const first = OrgPage.parse((await call('GET', '/v1/orgs/sx/children?limit=3', { token })).body);
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const second = OrgPage.parse((await call('GET', `/v1/orgs/sx/children?limit=3&cursor=${first.nextCursor}`, { token })).body);
    expect(second.items[0].id).not.toBe(first.items[0].id);
  });

  it('searches by any part of a name', async () => {
    const { token } = await login();
    const answer = OrgPage.parse((await call('GET', `/v1/orgs?q=${encodeURIComponent('秦岭机床')}`, { token })).body);
    expect(answer.items.map((o) => o.id)).toEqual(['bj-wb-ql']);
    const byCity = OrgPage.parse((await call('GET', `/v1/orgs?q=${encodeURIComponent('宝鸡')}&limit=50`, { token })).body);
    expect(byCity.items.map((o) => o.id).sort()).toEqual(['bj', 'bj-wb-ql', 'bj-wb-tj', 'bj-jt-yd'].sort());
  });

  it('answers 404 for an unknown union and 400 for a malformed id or too short a query', async () => {
    const { token } = await login();
    const missing = await call('GET', '/v1/orgs/no-such-union', { token });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    expect((await call('GET', '/v1/orgs/%E9%99%95', { token })).status).toBe(400);
    const short = await call('GET', `/v1/orgs?q=${encodeURIComponent('西')}`, { token });
    expect(short.status).toBe(400);
    expect(short.body.error.details[0]).toEqual({ path: 'q', message: '请输入至少两个字' });
  });
});
