import { runPool } from '../../../nodes/Chatwoot/helpers/pool';

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function observe(count: number, concurrency: number, batchSize = 0, batchIntervalMs = 0) {
	let inFlight = 0;
	let maxInFlight = 0;
	const started: number[] = [];
	const pauses: number[] = [];
	const events: string[] = [];
	await runPool(
		count,
		{ concurrency, batchSize, batchIntervalMs },
		async (index) => {
			started.push(index);
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			// Later items finish first, so completion order differs from start order.
			for (let i = 0; i < (count - index) % 4; i++) await tick();
			inFlight--;
			events.push(`done ${index}`);
		},
		() => false,
		async (ms) => {
			pauses.push(ms);
			events.push('pause');
		},
	);
	return { maxInFlight, started, pauses, events };
}

describe('runPool', () => {
	test.each([1, 3, 10])('never has more than %d tasks in flight and starts every index once, in order', async (limit) => {
		const { maxInFlight, started } = await observe(25, limit);
		expect(maxInFlight).toBe(limit);
		expect(started).toEqual(Array.from({ length: 25 }, (_, i) => i));
	});

	test('concurrency 1 runs strictly one after another', async () => {
		const { events } = await observe(4, 1);
		expect(events).toEqual(['done 0', 'done 1', 'done 2', 'done 3']);
	});

	test('finishes a batch before pausing and starting the next', async () => {
		const { events, pauses } = await observe(5, 5, 2, 250);
		expect(pauses).toEqual([250, 250]);
		const firstPause = events.indexOf('pause');
		expect(events.slice(0, firstPause).sort()).toEqual(['done 0', 'done 1']);
		expect(events.filter((event) => event === 'pause')).toHaveLength(2);
	});

	test('starts nothing new once told to stop, and waits for what runs', async () => {
		const started: number[] = [];
		let finished = 0;
		await runPool(
			10,
			{ concurrency: 2, batchSize: 0, batchIntervalMs: 0 },
			async (index) => {
				started.push(index);
				await tick();
				finished++;
			},
			() => started.includes(3),
			async () => undefined,
		);
		expect(started).toEqual([0, 1, 2, 3]);
		expect(finished).toBe(4);
	});

	test('does nothing for no items', async () => {
		const { started } = await observe(0, 3);
		expect(started).toEqual([]);
	});
});
