/**
 * The JSON text of `GetResourcePolicies`' answer, written by hand instead of by `JSON.stringify`, with each
 * policy's JSON form remembered. A policy is JSON inside JSON: every quote in it is escaped, and
 * `JSON.stringify` of a page of 3 policies of 230 bytes took 6 µs on Node 20 — a fifth of the whole request
 * in the handler. The same policies are read again and again (a page is read more often than written), so
 * each one's JSON form is kept in a bounded cache keyed by its `PolicyId`, and used again only while its hash
 * and text are the ones it was written from; the output is byte for byte what `JSON.stringify` writes
 * (property tests check it, lone surrogates, control characters and reused ids included).
 *
 * A page read again with the same policies and `NextToken` (a client polling a resource) is the same answer: the
 * writer keeps the last pages it wrote (by first `PolicyId`, up to `POLICY_PAGE_CACHE_SIZE`), answers the very same
 * text, and from the second read on of a page of at least `PAGE_BYTES_FROM` characters also its UTF-8 bytes,
 * which the listener writes as they are. Why: a page of 50 policies is about 20 KiB, and a profile showed Node
 * reading its text four times on its way out (counting its bytes, flattening it twice, encoding it); written
 * from kept bytes, Get of a 50-policy page cost 101–112 against 126–151 µs of CPU a request (10 connections).
 * Why only kept bytes: encoding every answer afresh into a `Buffer` cost more than it saved (185–193 against
 * 158–171 µs): each answer was a new 20 KiB `ArrayBuffer`, and V8's major collections, which such buffers set
 * off, took 34 µs a request. Why the writer keeps them and hands them over (`WireResponse.bodyBytes`), not the
 * listener: a listener would find its kept bytes by comparing each new 20 KiB text with the kept one, which costs
 * what encoding does (measured: no gain).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createPolicyPageWriter } from './response-body.js';
 * const write = createPolicyPageWriter();
 * const page = { Policies: [{ PolicyId: 'p1', PolicyHash: 'h1', Policy: '{"Version":"2012-10-17"}' }], NextToken: 't' };
 * assert.equal(write(page), JSON.stringify(page));
 * // Read again: the same text, and (a page this small) no bytes kept.
 * assert.equal(write.answer(page).text, write(page));
 * assert.equal(write.answer(page).bytes, undefined);
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

/**
 * How much of kept pages the writer holds: their texts' characters and their bytes together, 1 MiB. That is
 * about 25 pages of 50 policies of 230 bytes with their bytes (a page is about 20 KiB), or 16 pages of 50
 * policies of 1024 bytes (P1) without; when it is full the writer starts again. Not more: a client that reads
 * all of a large resource's pages once fills it with pages nobody reads again, and with 4 MiB the emulator's
 * heap after reading 100,000 policies back grew from 1.83 to 2.06 times the bytes it stores.
 *
 * @category wire
 * @since 0.3.0
 */
export const POLICY_PAGE_CACHE_SIZE = 1024 * 1024;

/**
 * Pages of at least this many characters get their bytes kept when read again. A smaller page is written as
 * text, as before: the saving was measured on pages of about 20 KiB, and Get of 3 policies (about 1 KiB) showed
 * none worth the memory.
 *
 * @category wire
 * @since 0.3.0
 */
export const PAGE_BYTES_FROM = 4096;

/** One policy's JSON form, with what it was written from: it is used again only for the same id, hash and text. */
interface Written {
  readonly hash: string;
  readonly text: string;
  readonly json: string;
}

/** A page's text, with what it was written from, and its bytes once it has been read again. */
interface KeptPage {
  readonly parts: ReadonlyArray<string>;
  readonly token: string | undefined;
  readonly text: string;
  bytes: Uint8Array | undefined;
}

/**
 * An answer's text and, for a large page read again, its UTF-8 bytes (always exactly `text` encoded; kept and
 * handed to every answer of that page, so never written into).
 *
 * @category wire
 * @since 0.3.0
 */
export interface PolicyPageAnswer {
  readonly text: string;
  readonly bytes: Uint8Array | undefined;
}

/**
 * A writer of `GetResourcePolicies`' answer: called, its text; `answer`, its text and kept bytes.
 *
 * @category wire
 * @since 0.3.0
 */
export interface PolicyPageWriter {
  (response: GetResourcePoliciesResponse): string;
  readonly answer: (response: GetResourcePoliciesResponse) => PolicyPageAnswer;
}

/**
 * A writer of `GetResourcePolicies`' answer with its own caches of written policies and pages.
 *
 * @category wire
 * @since 0.3.0
 */
export const createPolicyPageWriter = (
  maxEntries: number = POLICY_TEXT_CACHE_ENTRIES,
  maxPageSize: number = POLICY_PAGE_CACHE_SIZE,
): PolicyPageWriter => {
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
  // By the first PolicyId (a page of another resource, or further on, starts elsewhere); a kept page counts only
  // while every part and the token are the same, so a page that changed in any way is written afresh.
  const pages = new Map<string, KeptPage>();
  let pagesSize = 0;
  /** Counts `size` more kept; full, the writer starts again with `page` alone. */
  const keep = (key: string, page: KeptPage, size: number): void => {
    if (pagesSize + size > maxPageSize) {
      pages.clear();
      pagesSize = page.text.length + (page.bytes?.byteLength ?? 0) - size;
      pages.set(key, page);
    }
    pagesSize += size;
  };
  const answer = (response: GetResourcePoliciesResponse): PolicyPageAnswer => {
    const policies = response.Policies;
    const token = response.NextToken;
    const key = policies.length === 0 ? '' : policies[0]!.PolicyId;
    const kept = pages.get(key);
    let same = kept !== undefined && kept.token === token && kept.parts.length === policies.length;
    const parts = new Array<string>(policies.length);
    for (let i = 0; i < policies.length; i++) {
      const json = policyJson(policies[i]!);
      parts[i] = json;
      // The per-policy cache answers the very string it kept, so this is mostly a pointer compare.
      if (same && kept!.parts[i] !== json) same = false;
    }
    if (same) {
      const page = kept!;
      if (page.bytes === undefined && page.text.length >= PAGE_BYTES_FROM) {
        page.bytes = Buffer.from(page.text);
        keep(key, page, page.bytes.byteLength);
      }
      return page;
    }
    const text =
      token === undefined
        ? '{"Policies":[' + parts.join(',') + ']}'
        : '{"Policies":[' + parts.join(',') + '],"NextToken":' + JSON.stringify(token) + '}';
    // The page it replaces no longer counts.
    if (kept !== undefined) pagesSize -= kept.text.length + (kept.bytes?.byteLength ?? 0);
    const page: KeptPage = { parts, token, text, bytes: undefined };
    pages.set(key, page);
    keep(key, page, text.length);
    return page;
  };
  const write = (response: GetResourcePoliciesResponse): string => answer(response).text;
  return Object.assign(write, { answer });
};
