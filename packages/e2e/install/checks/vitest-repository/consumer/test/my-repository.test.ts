// The user's own test file: their store, checked by the kit's store contract under their own vitest.
import { describePolicyRepository } from '@ssm-policy/conformance/vitest';
import { createMyRepository } from '../src/my-repository.js';

describePolicyRepository('my repository', async () => ({
  repository: createMyRepository(),
  dispose: async () => {},
}));
