/**
 * The run's service factory, with every handle keeping the raw exchanges its own calls made (`trace()`), in
 * order. A failing model-based property cuts out the exchanges of the command that failed in its shrunk
 * counterexample (`FailedStep`), so that the report shows what went over the wire for that command. Each
 * handle keeps only its own exchanges, and only while the property holds it: a run is one handle.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { startEmulator } from '@ssm-policy/server';
 * import { connectEndpoint } from './endpoint-factory.js';
 * import { tracedFactory } from './traced-factory.js';
 * const emulator = await startEmulator({ port: 0 });
 * const connected = connectEndpoint({ region: 'us-east-1', endpoint: emulator.url }, {});
 * const endpoint = connected.forAccount('123456789012', []);
 * const handle = await tracedFactory(endpoint.factory, connected.recorder)();
 * await handle.service.GetResourcePolicies({ ResourceArn: 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default' })();
 * connected.destroy();
 * await emulator.close();
 * assert.equal((handle.trace?.()[0] as { operation: string }).operation, 'GetResourcePolicies');
 *
 * @since 0.2.0
 */
import type { ResourcePolicyService } from '@ssm-policy/core';
import type { ServiceFactory } from '@ssm-policy/conformance';
import type { RawExchange } from './raw-exchange.js';
import type { Recorder } from './recording-handler.js';

/**
 * `factory`, with each handle's exchanges traced through `recorder`.
 *
 * @category command line
 * @since 0.2.0
 */
export const tracedFactory =
  (factory: ServiceFactory, recorder: Recorder): ServiceFactory =>
  async (setup) => {
    const handle = await factory(setup);
    const log: RawExchange[] = [];
    const traced = async <A>(task: () => Promise<A>): Promise<A> => {
      const result = await recorder.within(task);
      log.push(...result.exchanges);
      if ('error' in result) throw result.error;
      return result.value as A;
    };
    const op =
      <I, A>(call: (input: I) => () => Promise<A>) =>
      (input: I) =>
      () =>
        traced(() => call(input)());
    const { service, parameters } = handle;
    const tracedService: ResourcePolicyService = {
      PutResourcePolicy: op(service.PutResourcePolicy),
      GetResourcePolicies: op(service.GetResourcePolicies),
      DeleteResourcePolicy: op(service.DeleteResourcePolicy),
    };
    return {
      ...handle,
      service: tracedService,
      parameters: {
        putParameter: (p) => traced(() => parameters.putParameter(p)),
        deleteParameter: (Name) => traced(() => parameters.deleteParameter(Name)),
      },
      trace: () => log,
    };
  };
