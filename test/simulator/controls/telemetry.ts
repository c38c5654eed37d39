/** What the inspection API reports: the request log and the counters. */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { isParamHash, setOwn, UploadedFile, type ParamValue } from '../http/rackParams';
import type { Counters, RecordedRequest } from '../types';

const MASKED_HEADERS = new Set(['api_access_token', 'api-access-token']);

function recordedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
	const recorded: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		recorded[name] = MASKED_HEADERS.has(name) ? '***' : Array.isArray(value) ? value.join(', ') : value;
	}
	return recorded;
}

/** Params with uploaded files replaced by a summary, so the log stays small and JSON-friendly. */
export function recordableParams(value: ParamValue): unknown {
	if (value instanceof UploadedFile) {
		return {
			filename: value.filename,
			contentType: value.declaredType,
			size: value.bytes.length,
			sha256: createHash('sha256').update(value.bytes).digest('hex'),
		};
	}
	if (Array.isArray(value)) return value.map(recordableParams);
	if (isParamHash(value)) {
		const recorded: Record<string, unknown> = {};
		for (const [key, item] of Object.entries(value)) {
			setOwn(recorded, key, recordableParams(item));
		}
		return recorded;
	}
	return value;
}

function emptyCounters(inFlight = 0): Counters {
	return {
		requests: 0,
		created: 0,
		rejected429: 0,
		rejected503: 0,
		droppedBefore: 0,
		droppedAfter: 0,
		maxInFlight: inFlight,
		inFlight,
		byStatus: {},
	};
}

export interface RequestStart {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
}

export class Telemetry {
	private log: RecordedRequest[] = [];
	private counts: Counters = emptyCounters();

	/** Call on arrival of an API request; the returned record is completed later. */
	begin({ method, path, query, headers }: RequestStart): RecordedRequest {
		const record: RecordedRequest = {
			method,
			path,
			query: Object.fromEntries(query.entries()),
			headers: recordedHeaders(headers),
			contentType: headers['content-type'] ?? '',
			params: null,
			status: 0,
			receivedAt: Date.now(),
		};
		this.log.push(record);
		this.counts.requests += 1;
		this.counts.inFlight += 1;
		this.counts.maxInFlight = Math.max(this.counts.maxInFlight, this.counts.inFlight);
		return record;
	}

	/** Call once the response finished or the socket closed. */
	end(): void {
		this.counts.inFlight = Math.max(0, this.counts.inFlight - 1);
	}

	answered(record: RecordedRequest, status: number): void {
		record.status = status;
		this.counts.byStatus[String(status)] = (this.counts.byStatus[String(status)] ?? 0) + 1;
		if (status === 429) this.counts.rejected429 += 1;
	}

	count(event: 'created' | 'rejected503' | 'droppedBefore' | 'droppedAfter'): void {
		this.counts[event] += 1;
	}

	requests(): RecordedRequest[] {
		return structuredClone(this.log);
	}

	counters(): Counters {
		return structuredClone(this.counts);
	}

	/** In-flight requests keep counting so that `inFlight` never goes negative. */
	reset(): void {
		this.log = [];
		this.counts = emptyCounters(this.counts.inFlight);
	}
}
