/**
 * Bulk runs with the node's default options against a simulator that injects the failures a real
 * import meets: 429s, proxy 503s, and connections dropped before and after Chatwoot processed the
 * request. Default options means real waits (a first retry after about a second), so each run takes
 * some seconds.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { SEED } from '../simulator';
import { runChatwootNode } from '../harness/engine';
import { createInSimulator, useSimulator } from '../harness/simulator';

const simulator = useSimulator();

const ITEMS = 1000;
const FAULT_MIX = { rate429: 0.1, rate503: 0.05, dropBeforeRate: 0.02, dropAfterRate: 0.02 };
const SEEDS = [20261126, 1, 2, 3, 4, 5];

function importContacts(items: INodeExecutionData[], parameters: INodeParameters) {
	return runChatwootNode({
		credentials: { baseUrl: simulator().url, accessToken: SEED.tokens.admin },
		continueOnFail: true,
		items,
		parameters: createInSimulator(parameters),
	});
}

const people = (count: number) => Array.from({ length: count }, (_, i) => ({ json: { name: `Person ${i}`, email: `person${i}@bulk.example` } }));

test.each(SEEDS)(
	'seed %d: 1,000 contacts with unique emails through 10%% 429, 5%% 503, 2%% drops before and 2%% after: each created exactly once, in order, none failed',
	async (seed) => {
		simulator().setFaults({ ...FAULT_MIX, seed });
		const result = await importContacts(people(ITEMS), { name: '={{ $json.name }}', email: '={{ $json.email }}' });

		const items = result.items ?? [];
		expect(items).toHaveLength(ITEMS);
		expect(items.filter((item) => item.json.error).map((item) => item.json)).toEqual([]);
		expect(items.map((item) => item.pairedItem)).toEqual(Array.from({ length: ITEMS }, (_, item) => ({ item })));
		const outputEmails = items.map((item) => (item.json as { payload: { contact: { email: string } } }).payload.contact.email);
		expect(outputEmails).toEqual(people(ITEMS).map((person) => person.json.email));

		const stored = simulator().contacts(SEED.accounts.main).map((contact) => contact.email);
		expect(stored).toHaveLength(ITEMS);
		expect(new Set(stored).size).toBe(ITEMS);

		const counters = simulator().counters();
		// The faults really happened, and the lost responses were recovered by looking the contact up.
		expect(counters.rejected429).toBeGreaterThan(50);
		expect(counters.rejected503).toBeGreaterThan(20);
		expect(counters.droppedBefore).toBeGreaterThan(5);
		expect(counters.droppedAfter).toBeGreaterThan(5);
		const recovered = items.filter((item) => item.json.recovered).length;
		expect(recovered).toBeGreaterThan(0);
		expect(recovered).toBeLessThanOrEqual(counters.droppedAfter);
	},
	240_000,
);

test('the same without unique keys: no duplicates, and what could not be confirmed is an error item that says so', async () => {
	simulator().setFaults({ ...FAULT_MIX, seed: SEEDS[0] });
	const nameOnly = people(ITEMS).map((person) => ({ json: { name: person.json.name } }));
	const result = await importContacts(nameOnly, { name: '={{ $json.name }}' });

	const items = result.items ?? [];
	expect(items).toHaveLength(ITEMS);
	expect(items.map((item) => item.pairedItem)).toEqual(Array.from({ length: ITEMS }, (_, item) => ({ item })));
	const storedNames = simulator().contacts(SEED.accounts.main).map((contact) => contact.name);
	expect(new Set(storedNames).size).toBe(storedNames.length);

	const failed = items.filter((item) => item.json.error);
	const succeeded = items.filter((item) => !item.json.error);
	expect(failed.length).toBeGreaterThan(0);
	for (const item of failed) {
		expect(item.json.error).toMatch(/the contact may have been created$/);
	}
	const counters = simulator().counters();
	expect(failed).toHaveLength(counters.droppedBefore + counters.droppedAfter);
	// Every success is stored; of the unconfirmed ones, exactly those dropped after processing are.
	expect(storedNames).toHaveLength(succeeded.length + counters.droppedAfter);
}, 240_000);
