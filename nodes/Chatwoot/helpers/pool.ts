export interface PoolOptions {
	/** The most tasks running at once (1 = strictly one after another). */
	concurrency: number;
	/** Tasks per batch; every batch finishes before the next starts. 0 = one batch. */
	batchSize: number;
	/** Pause between batches. */
	batchIntervalMs: number;
}

/**
 * Runs `task(0…count-1)` with at most `concurrency` in flight, in index order of start, batch by
 * batch. A task is started only when a slot is free, so whatever it loads (an avatar file) is
 * held for at most `concurrency` tasks at a time. After `shouldStop()` turns true no new task starts;
 * the running ones are awaited.
 */
export async function runPool(
	count: number,
	options: PoolOptions,
	task: (index: number) => Promise<void>,
	shouldStop: () => boolean,
	pause: (ms: number) => Promise<void>,
): Promise<void> {
	const batchSize = options.batchSize > 0 ? options.batchSize : count;
	for (let batchStart = 0; batchStart < count && !shouldStop(); batchStart += batchSize) {
		if (batchStart > 0 && options.batchIntervalMs > 0) await pause(options.batchIntervalMs);
		const batchEnd = Math.min(count, batchStart + batchSize);
		let next = batchStart;
		const worker = async () => {
			while (next < batchEnd && !shouldStop()) {
				const index = next++;
				await task(index);
			}
		};
		const workers = Array.from({ length: Math.min(Math.max(1, options.concurrency), batchEnd - batchStart) }, worker);
		await Promise.all(workers);
	}
}
