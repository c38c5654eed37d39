import { KeyLocks } from '../../../nodes/Chatwoot/helpers/keyLocks';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyLocks', () => {
	test('a task waits for every earlier task that holds one of its names, and only for those', async () => {
		const locks = new KeyLocks();
		const order: string[] = [];
		const first = await locks.acquire(['email:a', 'phone:1']);
		const second = locks.acquire(['phone:1']).then((release) => (order.push('second'), release));
		const third = locks.acquire(['email:b']).then((release) => (order.push('third'), release));
		await tick();
		expect(order).toEqual(['third']);
		first();
		(await second)();
		(await third)();
		expect(order).toEqual(['third', 'second']);
		expect(locks.size).toBe(0);
	});

	test('tasks asking for overlapping names in opposite orders never wait for each other', async () => {
		const locks = new KeyLocks();
		const order: number[] = [];
		const tasks = [
			['a', 'b'],
			['b', 'a'],
			['b', 'c'],
			['c', 'a'],
		].map(async (names, index) => {
			const release = await locks.acquire(names);
			order.push(index);
			await tick();
			release();
		});
		await Promise.all(tasks);
		expect(order).toEqual([0, 1, 2, 3]);
		expect(locks.size).toBe(0);
	});

	test('a name given twice is held once, and releasing twice does no harm', async () => {
		const locks = new KeyLocks();
		const release = await locks.acquire(['a', 'a']);
		release();
		release();
		const again = await locks.acquire(['a']);
		again();
		expect(locks.size).toBe(0);
	});

	test('hold releases the names when the task fails', async () => {
		const locks = new KeyLocks();
		await expect(locks.hold(['a'], async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		expect(locks.size).toBe(0);
		expect(await locks.hold(['a'], async () => 'next')).toBe('next');
	});
});
