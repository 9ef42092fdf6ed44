import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spreadDelta } from '../../functions/src/repositories/mall';
import { splitStock } from '../../functions/src/entities/mall';
import { SoldOutMemory } from '../../functions/src/usecases/sold-out';

describe('stock shards', () => {
  it('split evenly: the shards hold the stock, none more than one apart', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 20 }), (stock, n) => {
      const shards = splitStock(stock, n);
      expect(shards.reduce((a, b) => a + b, 0)).toBe(stock);
      expect(Math.max(...shards) - Math.min(...shards)).toBeLessThanOrEqual(1);
    }));
  });

  it('a decrease takes exactly the delta, never more than a shard holds', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 20 }), fc.nat(), (stocks, seed) => {
      const total = stocks.reduce((a, b) => a + b, 0);
      const take = total === 0 ? 0 : (seed % total) + 1;
      const deltas = spreadDelta(stocks, -take);
      // Summed with the take rather than compared with -take: with nothing to take, -take is -0, which
      // toBe (Object.is) tells apart from the 0 the deltas add up to.
      expect(deltas.reduce((a, b) => a + b, 0) + take).toBe(0);
      deltas.forEach((d, i) => expect(stocks[i] + d).toBeGreaterThanOrEqual(0));
    }), { examples: [[[0], 0], [[0, 0, 0], 7]] }); // the sold-out case, every run (CI drew it once at random)
  });
});

describe('sold-out memory', () => {
  it('forgets after its lifetime, and at once when stock comes back', () => {
    let now = 0;
    const memory = new SoldOutMemory(3000, () => now);
    memory.remember('g1');
    memory.remember('g1#3');
    now = 2999;
    expect(memory.has('g1')).toBe(true);
    now = 3000;
    expect(memory.has('g1')).toBe(false);
    memory.remember('g2');
    memory.remember('g2#0');
    memory.forget('g2');
    expect(memory.has('g2') || memory.has('g2#0')).toBe(false);
    const off = new SoldOutMemory(0, () => now);
    off.remember('g3');
    expect(off.has('g3')).toBe(false);
  });
});
