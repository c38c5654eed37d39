interface Waiter {
	names: string[];
	grant: (release: () => void) => void;
	granted: boolean;
}

/**
 * Locks on names (such as a contact's email) for the tasks of one run. A task asks for all its names
 * at once and gets them in the order it asked, once every earlier task holding or waiting for one of
 * them has released it. Because a request joins all its queues in one step, the order of requests is
 * the same in every queue, so two tasks can never wait for each other.
 */
export class KeyLocks {
	private readonly queues = new Map<string, Waiter[]>();

	acquire(names: string[]): Promise<() => void> {
		const unique = [...new Set(names)];
		return new Promise((grant) => {
			const waiter: Waiter = { names: unique, grant, granted: false };
			for (const name of unique) {
				const queue = this.queues.get(name);
				if (queue) queue.push(waiter);
				else this.queues.set(name, [waiter]);
			}
			this.grantIfFirst(waiter);
		});
	}

	/** Runs `task` holding the names, and releases them however it ends. */
	async hold<T>(names: string[], task: () => Promise<T>): Promise<T> {
		const release = await this.acquire(names);
		try {
			return await task();
		} finally {
			release();
		}
	}

	/** How many names are held or waited for (0 once every task has released its names). */
	get size(): number {
		return this.queues.size;
	}

	private grantIfFirst(waiter: Waiter): void {
		if (waiter.granted || !waiter.names.every((name) => this.queues.get(name)![0] === waiter)) return;
		waiter.granted = true;
		let released = false;
		waiter.grant(() => {
			if (released) return;
			released = true;
			this.release(waiter);
		});
	}

	private release(waiter: Waiter): void {
		for (const name of waiter.names) {
			const queue = this.queues.get(name)!;
			queue.shift();
			if (queue.length) this.grantIfFirst(queue[0]);
			else this.queues.delete(name);
		}
	}
}
