/**
 * Rule W6, signature verification as AWS does it, attacked: requests signed by the AWS SDK v3's own signer
 * (`@smithy/signature-v4` with the SDK's SHA-256), then replayed, sent with a skewed clock, given another body,
 * another header, another region, service or key. The verifier is called directly for the rules, and through
 * the emulator on a real socket for what a captured request can do to stored state.
 */
import { createHash } from 'node:crypto';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { makeProfile } from '@ssm-policy/core';
import {
  AMZ_JSON_1_1,
  SIGNATURE_MISMATCH,
  callerOf,
  createWireHandler,
  parseAuthorization,
  secretLookupOf,
  verifySignature,
  type SignatureCheck,
  type WireHeaders,
  type WireRequest,
} from '@ssm-policy/server';
import { OPS_ARN, opsPolicy, startTestEmulator } from '@ssm-policy/server/testing';

const KEY = 'AKIAEXAMPLEBOB000001';
const SECRET = 'bob-secret-access-key';
const HOST = '127.0.0.1:4583';
const T0 = new Date('2026-03-01T12:00:00Z');
const minutes = (m: number): Date => new Date(T0.getTime() + m * 60_000);
const PUT = 'AmazonSSM.PutResourcePolicy';
const GET = 'AmazonSSM.GetResourcePolicies';

const secretFor = secretLookupOf([{ accessKeyId: KEY, secretAccessKey: SECRET }]);
const at = (now: Date, extra: Partial<SignatureCheck> = {}): SignatureCheck => ({
  secretFor,
  now: () => now,
  ...extra,
});

interface SignOptions {
  readonly body?: string;
  readonly target?: string;
  readonly host?: string;
  readonly region?: string;
  readonly service?: string;
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  /** Sign an `x-amz-content-sha256` header too (the signer's `applyChecksum`). */
  readonly contentHash?: boolean;
  readonly signingDate?: Date;
  readonly unsignable?: ReadonlyArray<string>;
}

const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');
const bodyOf = (s: string): Uint8Array => new TextEncoder().encode(s);
const getBody = JSON.stringify({ ResourceArn: OPS_ARN });

/** A request as the SDK v3 signer signs it, in the form the wire handler receives (lower-case header names). */
const sign = async (options: SignOptions = {}): Promise<WireRequest> => {
  const body = options.body ?? getBody;
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: options.accessKeyId ?? KEY,
      secretAccessKey: options.secretAccessKey ?? SECRET,
    },
    region: options.region ?? 'us-east-1',
    service: options.service ?? 'ssm',
    sha256: Sha256,
    applyChecksum: options.contentHash ?? false,
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4583,
      path: '/',
      query: {},
      headers: {
        host: options.host ?? HOST,
        'content-type': AMZ_JSON_1_1,
        'x-amz-target': options.target ?? GET,
      },
      body,
    },
    {
      signingDate: options.signingDate ?? T0,
      ...(options.unsignable === undefined ? {} : { unsignableHeaders: new Set(options.unsignable) }),
    },
  );
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: 'POST', path: '/', headers, body: bodyOf(body) };
};

const withHeaders = (request: WireRequest, headers: WireHeaders): WireRequest => ({
  ...request,
  headers: { ...request.headers, ...headers },
});
const withBody = (request: WireRequest, body: string): WireRequest => ({ ...request, body: bodyOf(body) });

const attackerBody = JSON.stringify({ ResourceArn: OPS_ARN, Policy: opsPolicy('999999999999') });

describe('W6 signature verification: what the SDK v3 signer signs is accepted', () => {
  it('W6 a request signed by the SDK v3 signer is accepted, with or without a signed x-amz-content-sha256', async () => {
    expect(verifySignature(await sign(), at(T0))).toBeUndefined();
    const hashed = await sign({ contentHash: true });
    expect(hashed.headers['authorization']).toContain('x-amz-content-sha256');
    expect(verifySignature(hashed, at(T0))).toBeUndefined();
  });

  it('W6 a request up to 15 minutes old or early is accepted (the clock skew AWS allows)', async () => {
    const request = await sign();
    expect(verifySignature(request, at(minutes(14)))).toBeUndefined();
    expect(verifySignature(request, at(minutes(-14)))).toBeUndefined();
  });

  it('W6 headers that are not signed may change (a proxy adds them); the signature covers only the signed ones', async () => {
    const request = withHeaders(await sign(), { 'user-agent': 'proxy', 'x-forwarded-for': '10.0.0.1' });
    expect(verifySignature(request, at(T0))).toBeUndefined();
  });

  it('W6 an unsigned x-amz-content-sha256 is ignored: a wrong one does not refuse an intact request', async () => {
    const request = withHeaders(await sign(), { 'x-amz-content-sha256': sha256Hex('something else') });
    expect(verifySignature(request, at(T0))).toBeUndefined();
  });

  it('W6 the caller comes from the same parse of Authorization that the signature was checked with', async () => {
    const request = await sign({ region: 'eu-west-1' });
    const authorization = parseAuthorization(request.headers['authorization'] as string);
    expect(verifySignature(request, at(T0), authorization)).toBeUndefined();
    expect(callerOf(authorization)).toMatchObject({ account: '123456789012', region: 'eu-west-1' });
  });
});

describe('W6 signature verification: attacks refused', () => {
  it('W6 replay: a captured request sent again 16 minutes later is refused as expired', async () => {
    expect(verifySignature(await sign(), at(minutes(16)))).toMatchObject({
      _tag: 'InvalidSignatureException',
      fault: 'client',
      message:
        'Signature expired: 20260301T120000Z is now earlier than 20260301T120100Z (20260301T121600Z - 15 min.)',
    });
  });

  it('W6 skew into the future: a request dated 16 minutes ahead of the server is refused', async () => {
    expect(verifySignature(await sign({ signingDate: minutes(16) }), at(T0))).toMatchObject({
      _tag: 'InvalidSignatureException',
      fault: 'client',
      message:
        'Signature not yet current: 20260301T121600Z is still later than 20260301T121500Z (20260301T120000Z + 15 min.)',
    });
  });

  it('W6 replay with the clock header moved: changing X-Amz-Date (signed) to now breaks the signature', async () => {
    const request = withHeaders(await sign(), { 'x-amz-date': '20260301T121600Z' });
    expect(verifySignature(request, at(minutes(16)))).toMatchObject({
      _tag: 'InvalidSignatureException',
      fault: 'client',
      message: SIGNATURE_MISMATCH,
    });
  });

  it('W6 body swap: another body under a signature made without x-amz-content-sha256 is refused', async () => {
    const request = withBody(await sign({ target: PUT }), attackerBody);
    expect(verifySignature(request, at(T0))).toMatchObject({
      _tag: 'InvalidSignatureException',
      fault: 'client',
      message: SIGNATURE_MISMATCH,
    });
  });

  it('W6 body swap: another body under a signed x-amz-content-sha256 (the original body hash) is refused', async () => {
    const request = withBody(await sign({ target: PUT, contentHash: true }), attackerBody);
    expect(verifySignature(request, at(T0))).toMatchObject({
      _tag: 'InvalidSignatureException',
      fault: 'client',
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    });
  });

  it('W6 body swap: a signed x-amz-content-sha256 rewritten to the new body hash breaks the signature', async () => {
    const request = withHeaders(withBody(await sign({ target: PUT, contentHash: true }), attackerBody), {
      'x-amz-content-sha256': sha256Hex(attackerBody),
    });
    expect(verifySignature(request, at(T0))?.message).toBe(SIGNATURE_MISMATCH);
  });

  it('W6 body swap: an unsigned x-amz-content-sha256 is not believed, whether it claims the signed body hash or the new one', async () => {
    const captured = await sign({ target: PUT });
    // Claiming the hash of the body that was signed is what made the old verifier accept any body.
    for (const claim of [sha256Hex(getBody), sha256Hex(attackerBody)]) {
      const request = withHeaders(withBody(captured, attackerBody), { 'x-amz-content-sha256': claim });
      expect(verifySignature(request, at(T0))).toMatchObject({
        _tag: 'InvalidSignatureException',
        fault: 'client',
        message: SIGNATURE_MISMATCH,
      });
    }
  });

  it('W6 header change: another operation in the signed X-Amz-Target is refused', async () => {
    const request = withHeaders(await sign(), { 'x-amz-target': 'AmazonSSM.DeleteResourcePolicy' });
    expect(verifySignature(request, at(T0))?.message).toBe(SIGNATURE_MISMATCH);
  });

  it('W6 header injection: a second value of a signed header (as node:http lists it) is refused', async () => {
    const request = await sign();
    const injected = withHeaders(request, { 'content-type': [AMZ_JSON_1_1, 'text/plain'] });
    expect(verifySignature(injected, at(T0))?.message).toBe(SIGNATURE_MISMATCH);
  });

  it('W6 header change: another Host (the request sent to another endpoint) is refused', async () => {
    const request = withHeaders(await sign(), { host: '127.0.0.1:9999' });
    expect(verifySignature(request, at(T0))?.message).toBe(SIGNATURE_MISMATCH);
  });

  it('W6 a signature that does not cover Host is refused', async () => {
    const request = await sign({ unsignable: ['host'] });
    expect(request.headers['authorization']).not.toMatch(/SignedHeaders=[^,]*host/);
    expect(verifySignature(request, at(T0))).toMatchObject({
      _tag: 'InvalidSignatureException',
      fault: 'client',
      message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    });
  });

  it('W6 a signed-header list no signer writes (unsorted, repeated, naming absent headers, 16 KB long) is refused', async () => {
    const request = await sign();
    const auth = request.headers['authorization'] as string;
    const signedAs = (list: string) =>
      withHeaders(request, { authorization: auth.replace(/SignedHeaders=[^,]+/, `SignedHeaders=${list}`) });
    for (const list of [
      'x-amz-date;host;x-amz-target;content-type',
      'content-type;host;host;x-amz-date;x-amz-target',
      'content-type;host;x-amz-date;x-amz-target;x-absent',
      '__proto__;content-type;host;x-amz-date;x-amz-target',
      `host${';'.repeat(16_000)}`,
    ]) {
      expect(verifySignature(signedAs(list), at(T0))).toMatchObject({
        _tag: 'InvalidSignatureException',
        fault: 'client',
        message: SIGNATURE_MISMATCH,
      });
    }
  });

  it('W6 wrong region: a scope for eu-west-1 sent to a us-east-1 endpoint is refused', async () => {
    // The region the request was sent to, configured …
    const request = await sign({ region: 'eu-west-1' });
    const wrongRegion = {
      _tag: 'InvalidSignatureException',
      fault: 'client',
      message: "Credential should be scoped to a valid region, not 'eu-west-1'.",
    };
    expect(verifySignature(request, at(T0, { region: 'us-east-1' }))).toMatchObject(wrongRegion);
    // … or named by an AWS endpoint host.
    const aws = await sign({ region: 'eu-west-1', host: 'ssm.us-east-1.amazonaws.com' });
    expect(verifySignature(aws, at(T0))).toMatchObject(wrongRegion);
    const right = await sign({ region: 'us-east-1', host: 'ssm.us-east-1.amazonaws.com' });
    expect(verifySignature(right, at(T0))).toBeUndefined();
  });

  it('W6 wrong region: on the emulator host, which serves every region, a scope that names no region is refused', async () => {
    expect(verifySignature(await sign({ region: 'moon-base' }), at(T0))).toMatchObject({
      _tag: 'InvalidSignatureException',
      fault: 'client',
      message: "Credential should be scoped to a valid region, not 'moon-base'.",
    });
  });

  it('W6 wrong service: a signature scoped to another service (dynamodb) is refused', async () => {
    expect(verifySignature(await sign({ service: 'dynamodb' }), at(T0))).toMatchObject({
      _tag: 'InvalidSignatureException',
      fault: 'client',
      message: "Credential should be scoped to correct service: 'ssm'.",
    });
  });

  it("W6 a scope date that is not X-Amz-Date's date is refused", async () => {
    const request = await sign({ signingDate: new Date('2026-03-01T23:55:00Z') });
    const nextDay = withHeaders(request, { 'x-amz-date': '20260302T000500Z' });
    expect(verifySignature(nextDay, at(new Date('2026-03-02T00:00:00Z')))).toMatchObject({
      _tag: 'InvalidSignatureException',
      fault: 'client',
      message:
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20260301' != '20260302', from '20260302T000500Z'.",
    });
  });

  it('W6 unknown access key: a key the server has no secret for is refused', async () => {
    expect(verifySignature(await sign({ accessKeyId: 'AKIAEXAMPLEEVE000001' }), at(T0))).toMatchObject({
      _tag: 'UnrecognizedClientException',
      fault: 'client',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('W6 forged signature: a known key signed with the wrong secret is refused', async () => {
    expect(verifySignature(await sign({ secretAccessKey: 'guessed' }), at(T0))?._tag).toBe(
      'InvalidSignatureException',
    );
  });

  it('W6 no Authorization at all, or another scheme, is refused as missing authentication', async () => {
    const unsigned: WireRequest = { method: 'POST', path: '/', headers: { host: HOST }, body: bodyOf('{}') };
    const missing = {
      _tag: 'MissingAuthenticationTokenException',
      fault: 'client',
      message: 'Request is missing Authentication Token',
    };
    expect(verifySignature(unsigned, at(T0))).toMatchObject(missing);
    expect(
      verifySignature(withHeaders(unsigned, { authorization: 'Basic Ym9iOnNlY3JldA==' }), at(T0)),
    ).toMatchObject(missing);
  });

  it('W6 a malformed Authorization (parts missing, bad date, algorithm, credential) is an incomplete signature', async () => {
    const request = await sign();
    const auth = request.headers['authorization'] as string;
    const check = (headers: WireHeaders) => verifySignature(withHeaders(request, headers), at(T0));
    expect(check({ authorization: auth.replace(/, Signature=[0-9a-f]+/, '') })).toMatchObject({
      _tag: 'IncompleteSignatureException',
      fault: 'client',
      message: "Authorization header requires 'Signature' parameter. Authorization=AWS4-HMAC-SHA256",
    });
    expect(check({ authorization: 'AWS4-HMAC-SHA256' })).toMatchObject({
      _tag: 'IncompleteSignatureException',
      message:
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
        "Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256",
    });
    const { ['x-amz-date']: _date, ...undated } = request.headers;
    expect(verifySignature({ ...request, headers: undated }, at(T0))).toMatchObject({
      _tag: 'IncompleteSignatureException',
      fault: 'client',
      message:
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256",
    });
    expect(check({ 'x-amz-date': '20261301T000000Z' })).toMatchObject({
      _tag: 'IncompleteSignatureException',
      message:
        "Date must be in ISO-8601 'basic format'. Got '20261301T000000Z'. See http://en.wikipedia.org/wiki/ISO_8601",
    });
    expect(check({ authorization: auth.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA512') })?.message).toBe(
      "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). ",
    );
    expect(check({ authorization: auth.replace('/ssm/aws4_request', '/ssm') })?.message).toMatch(
      /^Credential must have exactly 5 slash-delimited elements, e\.g\. keyid\/date\/region\/service\/term, got '/,
    );
  });

  it('W6 a Date header stands in for X-Amz-Date, and is held to the same 15 minutes', async () => {
    const { ['x-amz-date']: _date, ...undated } = (await sign()).headers;
    const dated = { ...(await sign()), headers: { ...undated, date: 'Sun, 01 Mar 2026 12:00:00 GMT' } };
    // X-Amz-Date was signed, so without it the signature cannot match; what matters is which clock rule ran.
    expect(verifySignature(dated, at(T0))?.message).toBe(SIGNATURE_MISMATCH);
    expect(verifySignature(dated, at(minutes(16)))?.message).toMatch(/^Signature expired: 20260301T120000Z/);
  });

  it('W6 a signature of the wrong length or case is a mismatch, compared without a crash', async () => {
    const request = await sign();
    const auth = request.headers['authorization'] as string;
    for (const signature of ['00', 'A'.repeat(64), 'é'.repeat(64), '0'.repeat(65)]) {
      const forged = withHeaders(request, {
        authorization: auth.replace(/Signature=[0-9a-f]+/, `Signature=${signature}`),
      });
      expect(verifySignature(forged, at(T0))?.message).toBe(SIGNATURE_MISMATCH);
    }
  });
});

describe('W6 signature verification in the emulator: a captured request cannot be reused', () => {
  it('W6 replay and body swap over a real socket are refused with 400 and change nothing stored', async () => {
    let now = T0;
    const emulator = await startTestEmulator({
      profile: makeProfile({ verifySignatures: true }),
      secretFor,
      now: () => now,
    });
    try {
      const host = new URL(emulator.url).host;
      const legit = JSON.stringify({ ResourceArn: OPS_ARN, Policy: opsPolicy() });
      const captured = await sign({ target: PUT, body: legit, host });
      const send = async (request: WireRequest) => {
        const { host: _host, ...headers } = request.headers as Record<string, string>;
        const res = await fetch(emulator.url, { method: 'POST', headers, body: Buffer.from(request.body) });
        return { status: res.status, json: (await res.json()) as Record<string, unknown> };
      };
      const first = await send(captured);
      expect(first.status).toBe(200);
      const stored = emulator.state();

      const swapped = await send(withBody(captured, attackerBody));
      expect(swapped).toMatchObject({ status: 400, json: { __type: 'InvalidSignatureException' } });

      now = minutes(16);
      const replayed = await send(captured);
      expect(replayed.status).toBe(400);
      expect(replayed.json['__type']).toBe('InvalidSignatureException');
      expect(replayed.json['Message']).toMatch(/^Signature expired: /);

      const unsigned = await fetch(emulator.url, {
        method: 'POST',
        headers: { 'content-type': AMZ_JSON_1_1, 'x-amz-target': PUT },
        body: attackerBody,
      });
      expect(unsigned.status).toBe(400);
      expect(((await unsigned.json()) as Record<string, unknown>)['__type']).toBe(
        'MissingAuthenticationTokenException',
      );
      expect(emulator.state()).toEqual(stored);
    } finally {
      await emulator.close();
    }
  });

  it('W6 the wire handler reads the Authorization header once per request, for the signature and the caller', async () => {
    const handle = createWireHandler({
      profile: makeProfile({ verifySignatures: true }),
      secretFor,
      now: () => T0,
    });
    const request = await sign({ host: HOST });
    let reads = 0;
    const counted = new Proxy(request.headers as Record<string, unknown>, {
      get: (target, name, receiver) => {
        if (name === 'authorization') reads++;
        return Reflect.get(target, name, receiver) as unknown;
      },
    }) as WireHeaders;
    const res = await handle({ ...request, headers: counted });
    expect(res.status).toBe(200);
    expect(reads).toBe(1);
  });
});
