import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { normalizeBaseUrl } from '../helpers/baseUrl';
import type { InvalidBaseUrlError } from '../helpers/baseUrl';
import { isPlainObject } from '../helpers/isPlainObject';
import { chatwootApiError } from './errors';
import { NotSentError, ResponseLostError, backoffDelay, classifyNetworkError, classifyResponse, retryAfterMs } from './retry';
import type { RetryPolicy } from './retry';
import type { ChatwootConnection, ChatwootContext, ChatwootRequest, ChatwootResponse } from './types';

export interface SendOptions {
	/**
	 * Whether a request whose response was lost (connection reset, timeout, 502, 504) may be sent
	 * again. Only where a repeat cannot create a second record: a read, or a create that Chatwoot
	 * would refuse as "has already been taken".
	 */
	retryLostResponses: boolean;
}

export interface SendResult {
	response: ChatwootResponse;
	/** An earlier attempt was sent but its response was lost, so this response may describe a repeat. */
	followedLostResponse: boolean;
}

async function readConnection(context: ChatwootContext): Promise<ChatwootConnection> {
	const data = await context.getCredentials('chatwootApi');
	const reference = context.getNode().credentials?.chatwootApi;
	const credentials = { id: reference?.id ?? '', name: reference?.name ?? '', type: 'chatwootApi', data };
	try {
		return { baseUrl: normalizeBaseUrl(data.baseUrl), ignoreSslIssues: data.ignoreSslIssues === true, credentials };
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as InvalidBaseUrlError).message, {
			description: 'Open the Chatwoot API credential and correct its Base URL.',
		});
	}
}

/**
 * The one way this node talks to Chatwoot. One client serves a whole run (every item and every
 * lookup of a node execution, or one dropdown load), so the credential is read once and the retry
 * policy is the run's.
 */
export class ChatwootClient {
	private constructor(
		private readonly context: ChatwootContext,
		private readonly connection: ChatwootConnection,
		readonly policy: RetryPolicy,
	) {}

	static async connect(context: ChatwootContext, policy: RetryPolicy): Promise<ChatwootClient> {
		return new ChatwootClient(context, await readConnection(context), policy);
	}

	/**
	 * One HTTP exchange. Every HTTP status comes back as a response (nothing is thrown for 4xx/5xx),
	 * so error messages are built from Chatwoot's body alone: the error n8n's HTTP helper throws
	 * carries the request configuration, token header included, and must not reach the user.
	 */
	async sendOnce(request: ChatwootRequest): Promise<ChatwootResponse> {
		const options: IHttpRequestOptions = {
			method: request.method,
			baseURL: this.connection.baseUrl,
			url: request.path,
			qs: request.qs,
			body: request.body,
			headers: { Accept: 'application/json', ...(request.contentType ? { 'Content-Type': request.contentType } : {}) },
			json: !Buffer.isBuffer(request.body),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			skipSslCertificateValidation: this.connection.ignoreSslIssues,
			timeout: this.policy.timeoutMs,
		};
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.context.helpers.httpRequestWithAuthentication.call(this.context, 'chatwootApi', options, {
				credentialsDecrypted: this.connection.credentials,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			throw classifyNetworkError(error);
		}
		return { statusCode: response.statusCode, headers: response.headers, body: response.body };
	}

	/**
	 * Sends a request, retrying what is safe to retry: 429 (honoring Retry-After when a proxy sends
	 * one), 503 and requests that never left, always; a lost response only with `retryLostResponses`.
	 * Whatever response ends the loop is returned; a lost response that may not be retried is thrown
	 * as ResponseLostError.
	 */
	async send(request: ChatwootRequest, { retryLostResponses }: SendOptions): Promise<SendResult> {
		const policy = this.policy;
		let followedLostResponse = false;
		for (let attempt = 1; ; attempt++) {
			const mayRetry = attempt <= policy.maxRetries;
			const outcome = await this.sendOnce(request).catch((error: Error) => error);
			let waitMs: number;
			if (outcome instanceof Error) {
				const lost = outcome instanceof ResponseLostError;
				if (!mayRetry || !(outcome instanceof NotSentError || (lost && retryLostResponses))) throw outcome;
				followedLostResponse ||= lost;
				waitMs = backoffDelay(attempt, policy);
			} else {
				const verdict = classifyResponse(outcome.statusCode);
				if (verdict === 'lost' && !retryLostResponses) throw new ResponseLostError(`HTTP ${outcome.statusCode}`, outcome);
				if (verdict === 'final' || !mayRetry) return { response: outcome, followedLostResponse };
				followedLostResponse ||= verdict === 'lost';
				waitMs = retryAfterMs(outcome.headers['retry-after']) ?? backoffDelay(attempt, policy);
			}
			await sleep(waitMs);
		}
	}

	/** A read whose every failure is final (dropdowns): one attempt, anything but a 200 JSON object is a NodeApiError. */
	async fetchObject(request: ChatwootRequest): Promise<Record<string, unknown>> {
		const response = await this.sendOnce(request);
		if (response.statusCode !== 200 || !isPlainObject(response.body)) {
			throw chatwootApiError(this.context.getNode(), response);
		}
		return response.body;
	}
}
