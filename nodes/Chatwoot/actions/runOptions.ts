import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { PoolOptions } from '../helpers/pool';
import { DEFAULT_RETRY_POLICY } from '../transport';
import type { RetryPolicy } from '../transport';

export const DEFAULT_REQUESTS_IN_FLIGHT = 20;

// n8n's lint wants literal defaults here; a test checks they equal the constants readRunOptions falls back to.
export const runOptionsDescription: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Batch Interval',
			name: 'batchInterval',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Pause between batches, in milliseconds',
		},
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Items per batch; each batch finishes before the pause and the next batch. 0 sends all items as one batch.',
		},
		{
			displayName: 'Max Requests per Minute',
			name: 'maxRequestsPerMinute',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				"Spread requests evenly so that no minute sees more, e.g. to leave room under Chatwoot's limit for the agents' dashboards. 0 sends as fast as Requests in Flight allows and, when Chatwoot rate-limits, waits for its next one-minute window.",
		},
		{
			displayName: 'Requests in Flight',
			name: 'requestsInFlight',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 20,
			description: 'The most requests sent to Chatwoot at the same time. 1 sends the items strictly one after another.',
		},
		{
			displayName: 'Retry: First Delay',
			name: 'initialRetryDelay',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1000,
			description:
				'Milliseconds to wait before the first retry after Chatwoot was unavailable or a response was lost; each further retry waits about twice as long, with jitter',
		},
		{
			displayName: 'Retry: Max Delay',
			name: 'maxRetryDelay',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60000,
			description: 'The longest wait between two attempts, in milliseconds',
		},
		{
			displayName: 'Retry: Max Wait',
			name: 'maxRetryWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 300,
			description:
				"Seconds one item keeps retrying while Chatwoot rate-limits the run (429), is unavailable (503) or cannot be reached; then the item fails. Chatwoot's rate limit reopens each minute.",
		},
		{
			displayName: 'Retry: Repeats After a Lost Response',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 5,
			description:
				'How often to send a request again when its response was lost (connection reset, timeout, 502, 504). Only where a repeat cannot make a duplicate: lookups, updates, and creates of contacts with an email, phone number or identifier (Chatwoot refuses those twice; the contact is then looked up).',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30000,
			description: 'Milliseconds to wait for Chatwoot to answer one request',
		},
	],
};

export interface RunOptions {
	pool: PoolOptions;
	retry: RetryPolicy;
}

const wholeNumber = (value: unknown, fallback: number, minimum: number) =>
	typeof value === 'number' && Number.isFinite(value) ? Math.max(minimum, Math.floor(value)) : fallback;

export function readRunOptions(context: IExecuteFunctions): RunOptions {
	const options = context.getNodeParameter('options', 0, {}) as Record<string, unknown>;
	return {
		pool: {
			concurrency: wholeNumber(options.requestsInFlight, DEFAULT_REQUESTS_IN_FLIGHT, 1),
			batchSize: wholeNumber(options.batchSize, 0, 0),
			batchIntervalMs: wholeNumber(options.batchInterval, 0, 0),
		},
		retry: {
			maxRetries: wholeNumber(options.maxRetries, DEFAULT_RETRY_POLICY.maxRetries, 0),
			maxWaitMs: wholeNumber(options.maxRetryWait, DEFAULT_RETRY_POLICY.maxWaitMs / 1000, 0) * 1000,
			maxRequestsPerMinute: wholeNumber(options.maxRequestsPerMinute, DEFAULT_RETRY_POLICY.maxRequestsPerMinute, 0),
			initialDelayMs: wholeNumber(options.initialRetryDelay, DEFAULT_RETRY_POLICY.initialDelayMs, 1),
			maxDelayMs: wholeNumber(options.maxRetryDelay, DEFAULT_RETRY_POLICY.maxDelayMs, 1),
			timeoutMs: wholeNumber(options.timeout, DEFAULT_RETRY_POLICY.timeoutMs, 1),
		},
	};
}
