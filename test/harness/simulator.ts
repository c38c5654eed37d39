import type { INodeParameters } from 'n8n-workflow';
import { SEED, startSimulator } from '../simulator';
import type { Simulator, SimulatorOptions } from '../simulator';

/**
 * One simulator on a free loopback port for the whole test file, closed after it; every test starts
 * with no contacts, no requests recorded, the seed's labels and attribute definitions, and the
 * faults and rate limit of `options` (by default none).
 */
export function useSimulator(options: Omit<SimulatorOptions, 'port'> = {}): () => Simulator {
	let simulator: Simulator | undefined;
	beforeAll(async () => {
		simulator = await startSimulator({ ...options, port: 0 });
	});
	afterAll(async () => simulator?.close());
	beforeEach(() => {
		simulator!.reset();
		simulator!.setFaults(options.faults ?? {});
		simulator!.setRateLimit(options.rateLimit);
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
