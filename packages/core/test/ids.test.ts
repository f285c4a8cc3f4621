import { describe, expect, it } from 'vitest';
import { randomIdSource, seededIdSource } from '@ssm-policy/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const take = (n: number, next: () => string) => Array.from({ length: n }, next);

describe('H11 seeded ids', () => {
  it('H11 the same seed gives the same sequence of ids', () => {
    const a = seededIdSource(42);
    const b = seededIdSource(42);
    expect(take(100, () => a.newPolicyId())).toEqual(take(100, () => b.newPolicyId()));
  });

  it('H11 different seeds give different sequences', () => {
    const a = take(5, seededIdSource(1).newPolicyId);
    const b = take(5, seededIdSource(2).newPolicyId);
    const c = take(5, seededIdSource(0xffffffff).newPolicyId);
    expect(new Set([...a, ...b, ...c]).size).toBe(15);
  });

  it('H1 H11 seeded ids are version-4-shaped UUIDs and do not repeat', () => {
    const ids = take(20_000, seededIdSource(7).newPolicyId);
    for (const id of ids.slice(0, 500)) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('H1 random ids come from Web Crypto and are UUIDs', () => {
    const ids = randomIdSource();
    const got = take(100, () => ids.newPolicyId());
    for (const id of got) expect(id).toMatch(UUID);
    expect(new Set(got).size).toBe(100);
  });
});
