/**
 * rack-attack style throttling (config/initializers/rack_attack.rb, docs/chatwoot-behaviour.md, "Rate limiting"): fixed,
 * epoch-aligned windows (`Time.now.to_i / period`); every request counts, including rejected
 * ones, and a request is throttled once its window's count exceeds the limit.
 */
export class FixedWindowThrottle {
	private readonly windows = new Map<string, { window: number; count: number }>();

	isThrottled(key: string, limit: number, windowMs: number, now = Date.now()): boolean {
		const window = Math.floor(now / windowMs);
		const entry = this.windows.get(key);
		const current = entry && entry.window === window ? entry : { window, count: 0 };
		current.count += 1;
		this.windows.set(key, current);
		return current.count > limit;
	}

	clear(): void {
		this.windows.clear();
	}
}

const SEARCH_PATH = /\/api\/v1\/accounts\/(\d+)\/contacts\/search/;

/** The `/contacts/search` throttle keys on the account id only, shared by all users and IPs. */
export function searchThrottleKey(path: string): string | undefined {
	const match = SEARCH_PATH.exec(path);
	return match ? `search:${match[1]}` : undefined;
}
