import { info } from './log';

/** Named pass/fail checks with a summary line; a failing check does not stop the ones after it. */
export class Checks {
	private passed = 0;
	private failed: string[] = [];

	async check<T>(name: string, body: () => Promise<T> | T): Promise<T | undefined> {
		try {
			const result = await body();
			this.passed++;
			info(`PASS ${name}`);
			return result;
		} catch (error) {
			this.failed.push(name);
			info(`FAIL ${name}\n${indent(error instanceof Error ? error.message : String(error))}`);
			return undefined;
		}
	}

	/** Records a failure that happened outside a check (for example while starting n8n). */
	fail(name: string, error: unknown): void {
		this.failed.push(name);
		info(`FAIL ${name}\n${indent(error instanceof Error ? (error.stack ?? error.message) : String(error))}`);
	}

	get ok(): boolean {
		return this.failed.length === 0;
	}

	summary(): string {
		return `${this.passed} passed, ${this.failed.length} failed`;
	}
}

function indent(text: string): string {
	return text
		.split('\n')
		.map((line) => `       ${line}`)
		.join('\n');
}

export function assert(condition: unknown, message: string): asserts condition {
	if (!condition) throw new Error(message);
}
