/**
 * HTTP inspection API under /__simulator/ for tests whose client runs in another process. These
 * routes never see faults, latency or rate limits, and need no token.
 */
import { jsonReply, replies, type Reply } from '../http/reply';
import type { FaultOptions, RateLimitOptions, Simulator } from '../types';

export const INSPECTION_PREFIX = '/__simulator/';

export type InspectionControls = Pick<Simulator, 'requests' | 'contacts' | 'counters' | 'reset' | 'setFaults' | 'setRateLimit'>;

function parseJson(body: Buffer): unknown {
	const text = body.toString('utf8').trim();
	return text === '' ? null : JSON.parse(text);
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRateLimit(value: unknown): value is RateLimitOptions {
	return isObject(value) && typeof value.limit === 'number' && typeof value.windowMs === 'number' && value.windowMs > 0;
}

function invalid(message: string): Reply {
	return jsonReply(400, { error: message });
}

function applyJson(body: Buffer, apply: (value: unknown) => Reply): Reply {
	try {
		return apply(parseJson(body));
	} catch {
		return invalid('body must be JSON');
	}
}

export function handleInspection(controls: InspectionControls, method: string, url: URL, body: Buffer): Reply {
	const action = `${method} ${url.pathname.slice(INSPECTION_PREFIX.length).replace(/\/$/, '')}`;
	switch (action) {
		case 'GET requests':
			return jsonReply(200, controls.requests());
		case 'GET contacts': {
			const accountId = url.searchParams.get('account_id');
			return jsonReply(200, controls.contacts(accountId === null ? undefined : Number(accountId)));
		}
		case 'GET counters':
			return jsonReply(200, controls.counters());
		case 'POST reset':
			controls.reset();
			return jsonReply(200, { ok: true });
		case 'POST faults':
			return applyJson(body, (value) => {
				if (value !== null && !isObject(value)) return invalid('expected FaultOptions');
				controls.setFaults((value ?? {}) as FaultOptions);
				return jsonReply(200, { ok: true });
			});
		case 'POST rate-limit':
			return applyJson(body, (value) => {
				if (value !== null && !isRateLimit(value)) return invalid('expected {limit, windowMs} or null');
				controls.setRateLimit(value ?? undefined);
				return jsonReply(200, { ok: true });
			});
		default:
			return replies.routeNotFound();
	}
}
