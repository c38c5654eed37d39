import { ByteBudget } from '../../../nodes/Chatwoot/helpers/byteBudget';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ByteBudget', () => {
	test('lets holders through while they fit and queues the rest in order', async () => {
		const budget = new ByteBudget(10);
		const order: string[] = [];
		const releaseA = await budget.acquire(6);
		const releaseB = await budget.acquire(4);
		const c = budget.acquire(3).then((release) => (order.push('c'), release));
		const d = budget.acquire(1).then((release) => (order.push('d'), release));
		await settle();
		expect(order).toEqual([]);
		releaseA();
		const releaseC = await c;
		const releaseD = await d;
		expect(order).toEqual(['c', 'd']);
		releaseB();
		releaseC();
		releaseD();
		expect(await Promise.race([budget.acquire(10).then(() => 'granted'), settle().then(() => 'waiting')])).toBe('granted');
	});

	test('a request larger than the budget waits for everything else, then goes alone', async () => {
		const budget = new ByteBudget(10);
		const releaseSmall = await budget.acquire(2);
		let bigGranted = false;
		const big = budget.acquire(50).then((release) => ((bigGranted = true), release));
		await settle();
		expect(bigGranted).toBe(false);
		releaseSmall();
		const releaseBig = await big;
		let nextGranted = false;
		const next = budget.acquire(1).then((release) => ((nextGranted = true), release));
		await settle();
		expect(nextGranted).toBe(false);
		releaseBig();
		await next;
		expect(nextGranted).toBe(true);
	});

	test('releasing twice gives the bytes back once', async () => {
		const budget = new ByteBudget(4);
		const release = await budget.acquire(4);
		release();
		release();
		await budget.acquire(4);
		let granted = false;
		void budget.acquire(1).then(() => (granted = true));
		await settle();
		expect(granted).toBe(false);
	});
});
