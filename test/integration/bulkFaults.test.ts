/**
 * Bulk runs against a simulator that injects the failures a real import meets: rate limiting,
 * proxy 503s, and connections dropped before and after Chatwoot processed the request.
 * Retry delays are scaled down so the suite runs in seconds; the logic is the one users get.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { SEED } from '../simulator';
import { runChatwootNode } from '../harness/engine';
import { createInSimulator, useSimulator } from '../harness/simulator';

const simulator = useSimulator();

const ITEMS = 1000;
const FAULTS = { rate429: 0.1, rate503: 0.05, dropBeforeRate: 0.02, dropAfterRate: 0.02, seed: 20261126 };

function importContacts(items: INodeExecutionData[], parameters: INodeParameters, options: INodeParameters) {
	return runChatwootNode({
		credentials: { baseUrl: simulator().url, accessToken: SEED.tokens.admin },
		continueOnFail: true,
		items,
		parameters: createInSimulator({ ...parameters, options }),
	});
}

const people = (count: number) => Array.from({ length: count }, (_, i) => ({ json: { name: `Person ${i}`, email: `person${i}@bulk.example` } }));

test('1,000 contacts with unique emails through 10% 429, 5% 503, 2% drops before and 2% after: each created exactly once, in order, none failed', async () => {
	simulator().setFaults(FAULTS);
	const result = await importContacts(people(ITEMS), { name: '={{ $json.name }}', email: '={{ $json.email }}' }, {
		maxRetries: 12,
		initialRetryDelay: 2,
		maxRetryDelay: 20,
	});

	const items = result.items ?? [];
	expect(items).toHaveLength(ITEMS);
	expect(items.filter((item) => item.json.error)).toEqual([]);
	expect(items.map((item) => item.pairedItem)).toEqual(Array.from({ length: ITEMS }, (_, item) => ({ item })));
	const outputEmails = items.map((item) => (item.json as { payload: { contact: { email: string } } }).payload.contact.email);
	expect(outputEmails).toEqual(people(ITEMS).map((person) => person.json.email));

	const stored = simulator().contacts(SEED.accounts.main).map((contact) => contact.email);
	expect(stored).toHaveLength(ITEMS);
	expect(new Set(stored).size).toBe(ITEMS);

	const counters = simulator().counters();
	// The faults really happened, and the lost answers were recovered by looking the contact up.
	expect(counters.rejected429).toBeGreaterThan(50);
	expect(counters.rejected503).toBeGreaterThan(20);
	expect(counters.droppedBefore).toBeGreaterThan(5);
	expect(counters.droppedAfter).toBeGreaterThan(5);
	const recovered = items.filter((item) => item.json.recovered).length;
	expect(recovered).toBeGreaterThan(0);
	expect(recovered).toBeLessThanOrEqual(counters.droppedAfter);
}, 120_000);

test('the same without unique keys: no duplicates, and what could not be confirmed is an error item that says so', async () => {
	simulator().setFaults(FAULTS);
	const nameOnly = people(ITEMS).map((person) => ({ json: { name: person.json.name } }));
	const result = await importContacts(nameOnly, { name: '={{ $json.name }}' }, { maxRetries: 12, initialRetryDelay: 2, maxRetryDelay: 20 });

	const items = result.items ?? [];
	expect(items).toHaveLength(ITEMS);
	expect(items.map((item) => item.pairedItem)).toEqual(Array.from({ length: ITEMS }, (_, item) => ({ item })));
	const storedNames = simulator().contacts(SEED.accounts.main).map((contact) => contact.name);
	expect(new Set(storedNames).size).toBe(storedNames.length);

	const failed = items.filter((item) => item.json.error);
	const succeeded = items.filter((item) => !item.json.error);
	expect(failed.length).toBeGreaterThan(0);
	for (const item of failed) {
		expect(item.json.error).toMatch(/the contact may have been created \[item \d+\]$/);
	}
	const counters = simulator().counters();
	expect(failed).toHaveLength(counters.droppedBefore + counters.droppedAfter);
	// Every success is stored; of the unconfirmed ones, exactly those dropped after processing are.
	expect(storedNames).toHaveLength(succeeded.length + counters.droppedAfter);
}, 120_000);

test('a fixed-window rate limit with 2.5 times more items than one window allows: all created, none failed, in about the time the limit permits', async () => {
	const limit = 40;
	const windowMs = 1000;
	simulator().setRateLimit({ limit, windowMs });
	// Start at the beginning of a window, so the figure below is not skewed by where the clock is.
	await new Promise((resolve) => setTimeout(resolve, windowMs - (Date.now() % windowMs)));
	const started = Date.now();
	const result = await importContacts(people(limit * 2.5), { email: '={{ $json.email }}' }, {
		maxRetries: 20,
		initialRetryDelay: 50,
		maxRetryDelay: windowMs,
	});
	const elapsed = Date.now() - started;

	const items = result.items ?? [];
	expect(items.filter((item) => item.json.error)).toEqual([]);
	expect(simulator().contacts(SEED.accounts.main)).toHaveLength(limit * 2.5);
	// 100 requests at 40 per window need the third window: at least 2 windows; the backoff may add about one more.
	expect(elapsed).toBeGreaterThanOrEqual(2 * windowMs - 50);
	expect(elapsed).toBeLessThan(4.5 * windowMs);
	process.stdout.write(`rate limit ${limit}/${windowMs} ms, ${limit * 2.5} items: ${elapsed} ms, ${simulator().counters().rejected429} answers 429\n`);
}, 60_000);
