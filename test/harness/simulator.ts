import type { INodeParameters } from 'n8n-workflow';
import { SEED, startSimulator } from '../simulator';
import type { Simulator } from '../simulator';

/**
 * One simulator on a free loopback port for the whole test file, closed after it; every test starts
 * with no contacts, no requests recorded, no faults and no rate limit.
 */
export function useSimulator(): () => Simulator {
	let simulator: Simulator | undefined;
	beforeAll(async () => {
		simulator = await startSimulator({ port: 0 });
	});
	afterAll(async () => simulator?.close());
	beforeEach(() => {
		simulator!.reset();
		simulator!.setFaults({});
		simulator!.setRateLimit(undefined);
	});
	return () => simulator!;
}

/** Contact → Create in the simulator's main account and API inbox, with the given parameters on top. */
export function createInSimulator(parameters: INodeParameters): INodeParameters {
	return {
		resource: 'contact',
		operation: 'create',
		accountId: SEED.accounts.main,
		inboxId: SEED.inboxes.api,
		...parameters,
	};
}
