/**
 * Bounds how many bytes are held at once by tasks that run concurrently (avatar files being
 * uploaded). Waiters are served first come, first served. A request larger than the whole budget
 * is let through alone, so no single file can wait forever.
 */
export class ByteBudget {
	private available: number;

	private readonly waiting: Array<{ bytes: number; grant: () => void }> = [];

	constructor(private readonly limit: number) {
		this.available = limit;
	}

	/** Resolves once `bytes` can be held; call the returned function to give them back. */
	async acquire(bytes: number): Promise<() => void> {
		const held = Math.min(Math.max(0, bytes), this.limit);
		if (this.waiting.length === 0 && held <= this.available) {
			this.available -= held;
		} else {
			await new Promise<void>((grant) => this.waiting.push({ bytes: held, grant }));
		}
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.available += held;
			this.grantWaiting();
		};
	}

	private grantWaiting() {
		while (this.waiting.length > 0 && this.waiting[0].bytes <= this.available) {
			const next = this.waiting.shift()!;
			this.available -= next.bytes;
			next.grant();
		}
	}
}
