import type { ChatwootResponse } from './types';

/** The request never left this machine (connection refused, name not resolved): always safe to send again. */
export class NotSentError extends Error {
	constructor(readonly code: string) {
		super(code);
	}
}

/** The request was sent but no usable response came back (reset, timeout, 502/504): Chatwoot may or may not have processed it. */
export class ResponseLostError extends Error {
	constructor(
		readonly code: string,
		readonly response?: ChatwootResponse,
	) {
		super(code);
	}
}

export interface RetryPolicy {
	/** Retries after the first attempt. */
	maxRetries: number;
	initialDelayMs: number;
	maxDelayMs: number;
	timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 5,
	initialDelayMs: 1000,
	// Chatwoot's rate limit (rack-attack) counts in fixed one-minute windows: a wait up to a full
	// window lets a client that hit the limit get through in the next one.
	maxDelayMs: 60_000,
	timeoutMs: 30_000,
};

/**
 * - `retry`: the request was certainly not processed: 429 (rack-attack answers before the app) and
 *   503 (Chatwoot or its proxy was unavailable).
 * - `lost`: a gateway answered for Chatwoot (502, 504) after forwarding the request; whether the
 *   contact was created is unknown.
 * - `final`: everything else: success, and Chatwoot's own validation and auth errors.
 */
export function classifyResponse(statusCode: number): 'retry' | 'lost' | 'final' {
	if (statusCode === 429 || statusCode === 503) return 'retry';
	if (statusCode === 502 || statusCode === 504) return 'lost';
	return 'final';
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function errorCode(error: unknown): string | undefined {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown })?.code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
	}
	return undefined;
}

/**
 * Turns a thrown transport failure into NotSentError or ResponseLostError. Only the error code is
 * kept: the thrown error carries the request configuration, token header included.
 */
export function classifyNetworkError(error: unknown): Error {
	const code = errorCode(error) ?? 'ECONNRESET';
	// The user stopped the execution: n8n aborted the request, and nothing may be sent again.
	if (code === 'ERR_CANCELED') return new Error('the execution was stopped');
	return NOT_SENT_CODES.has(code) ? new NotSentError(code) : new ResponseLostError(code);
}

/** Exponential backoff with equal jitter: half the step is fixed, half random, so clients that failed together spread out. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random = Math.random): number {
	const step = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
	return Math.round(step / 2 + random() * (step / 2));
}

const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** Rack-attack sends no Retry-After, but proxies and gateways in front of Chatwoot may: seconds or an HTTP date. */
export function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
	if (typeof header !== 'string' || header.trim() === '') return undefined;
	const seconds = Number(header);
	const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
	if (!Number.isFinite(ms) || ms < 0) return undefined;
	return Math.min(ms, MAX_RETRY_AFTER_MS);
}
