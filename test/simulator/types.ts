export interface FaultOptions {
	/** Added before every API response. */
	latencyMs?: number;
	/** 0..1 probability: 429 text/plain "Retry later\n", no Retry-After, request not processed. */
	rate429?: number;
	/** 0..1: 503 with an HTML body (like a proxy), not processed. */
	rate503?: number;
	/** 0..1: destroy the socket before processing (nothing created). */
	dropBeforeRate?: number;
	/** 0..1: for POST contacts: create the contact, then destroy the socket without answering. */
	dropAfterRate?: number;
	/** Seeded PRNG for the above (deterministic); default random. */
	seed?: number;
	/** If set, 429s carry Retry-After (like some proxies). */
	retryAfterSeconds?: number;
}

/** Fixed, epoch-aligned window per client IP over all /api paths (rack-attack `req/ip`). */
export interface RateLimitOptions {
	limit: number;
	windowMs: number;
}

export interface SimulatorOptions {
	port?: number;
	faults?: FaultOptions;
	rateLimit?: RateLimitOptions;
	/** Per account, for /contacts/search (rack-attack RATE_LIMIT_CONTACT_SEARCH); default 100 per minute. */
	searchLimitPerMinute?: number;
}

export interface Counters {
	requests: number;
	created: number;
	rejected429: number;
	rejected503: number;
	droppedBefore: number;
	droppedAfter: number;
	maxInFlight: number;
	inFlight: number;
	byStatus: Record<string, number>;
}

export interface UploadedFileSummary {
	filename: string;
	contentType: string;
	size: number;
	sha256: string;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	/** api_access_token / api-access-token values are masked as '***'. */
	headers: Record<string, string>;
	contentType: string;
	/** Parsed body as Rails sees it; uploaded files are replaced by their summary; null if unparseable. */
	params: unknown;
	/** 0 while in flight and for requests whose socket was dropped. */
	status: number;
	receivedAt: number;
}

export interface ContactInboxRef {
	inbox_id: number;
	source_id: string;
}

export interface StoredContact {
	accountId: number;
	id: number;
	name: string | null;
	email: string | null;
	phone_number: string | null;
	identifier: string | null;
	blocked: boolean;
	additional_attributes: Record<string, unknown>;
	custom_attributes: Record<string, unknown>;
	avatar?: UploadedFileSummary;
	avatar_url_requested?: string;
	created_at: number;
	contact_inboxes: ContactInboxRef[];
}

export interface Simulator {
	/** e.g. http://127.0.0.1:43123 (no trailing slash). */
	url: string;
	port: number;
	/** Closes the server and destroys open sockets. */
	close(): Promise<void>;
	setFaults(f: FaultOptions): void;
	setRateLimit(r: RateLimitOptions | undefined): void;
	/** Clears contacts, requests, counters; keeps seed data. */
	reset(): void;
	/** Every API request received, in order of arrival. */
	requests(): RecordedRequest[];
	contacts(accountId?: number): StoredContact[];
	counters(): Counters;
}
