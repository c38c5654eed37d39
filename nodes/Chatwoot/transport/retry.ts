import type { ChatwootResponse } from './types';

/** Why a request never reached Chatwoot; `certificate` failures repeat until someone changes something. */
export type NotSentReason = 'certificate' | 'name' | 'connection';

/** The request never reached Chatwoot (no connection, name not resolved, TLS handshake refused): safe to send again. */
export class NotSentError extends Error {
	constructor(
		readonly code: string,
		readonly reason: NotSentReason,
	) {
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
	/** Retries of a request whose response was lost (only where a repeat cannot create a duplicate). */
	maxRetries: number;
	/**
	 * How long one request keeps trying after Chatwoot rate-limited it (429), was unavailable (503)
	 * or could not be reached. Time, not a count: a full rate-limit window stays closed for up to a
	 * minute, however often one asks.
	 */
	maxWaitMs: number;
	initialDelayMs: number;
	maxDelayMs: number;
	timeoutMs: number;
	/** A pace the user sets below Chatwoot's limit; 0 for none. */
	maxRequestsPerMinute: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 5,
	maxWaitMs: 300_000,
	initialDelayMs: 1000,
	maxDelayMs: 60_000,
	timeoutMs: 30_000,
	maxRequestsPerMinute: 0,
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

const NOT_SENT_CODES: Record<string, NotSentReason> = {
	ECONNREFUSED: 'connection',
	EHOSTUNREACH: 'connection',
	ENETUNREACH: 'connection',
	ENOTFOUND: 'name',
	EAI_AGAIN: 'name',
};

/**
 * Node's TLS verification codes do not start with E (OpenSSL's names), plus the handshake failures
 * of an https:// URL pointing at a plain-HTTP port. In every case nothing was sent.
 */
const CERTIFICATE_CODE = /^(CERT_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH$|EPROTO$)/;

function errorCode(error: unknown): string | undefined {
	let candidate = error;
	for (let depth = 0; depth < 4 && candidate; depth++) {
		const code = (candidate as { code?: unknown }).code;
		if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code) && !/^ERR_BAD_/.test(code)) return code;
		candidate = (candidate as { cause?: unknown }).cause;
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
	if (CERTIFICATE_CODE.test(code)) return new NotSentError(code, 'certificate');
	const reason = NOT_SENT_CODES[code];
	return reason ? new NotSentError(code, reason) : new ResponseLostError(code);
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
