import { NodeOperationError, sleep } from 'n8n-workflow';
import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { normaliseBaseUrl } from '../helpers/baseUrl';
import type { InvalidBaseUrlError } from '../helpers/baseUrl';
import type { ChatwootAnswer } from './errors';
import { AnswerLostError, NotSentError, backoffDelay, classifyAnswer, classifyNetworkError, retryAfterMs } from './retry';
import type { RetryPolicy } from './retry';

export { AnswerLostError, NotSentError, DEFAULT_RETRY_POLICY, classifyAnswer } from './retry';
export type { RetryPolicy } from './retry';

export type ChatwootContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface ChatwootRequest {
	method: IHttpRequestMethods;
	/** Path below the instance root, starting with /api/v1/. */
	path: string;
	qs?: IDataObject;
	/** A JSON object, or a ready multipart body with its `contentType`. */
	body?: IDataObject | Buffer;
	contentType?: string;
}

export interface ChatwootConnection {
	baseUrl: string;
	ignoreSslIssues: boolean;
	/**
	 * The credential as read once for the whole run. n8n's HTTP helper would otherwise load and
	 * decrypt it again for every request (a database read per item in a real n8n); it still applies
	 * the credential's `authenticate` headers to each request.
	 */
	credentials: ICredentialsDecrypted;
}

export async function chatwootConnection(context: ChatwootContext): Promise<ChatwootConnection> {
	const data = await context.getCredentials('chatwootApi');
	const reference = context.getNode().credentials?.chatwootApi;
	const credentials = { id: reference?.id ?? '', name: reference?.name ?? '', type: 'chatwootApi', data };
	try {
		return { baseUrl: normaliseBaseUrl(data.baseUrl), ignoreSslIssues: data.ignoreSslIssues === true, credentials };
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as InvalidBaseUrlError).message, {
			description: 'Open the Chatwoot API credential and correct its Base URL.',
		});
	}
}

/**
 * One HTTP exchange with Chatwoot. Every HTTP status comes back as an answer (nothing is thrown for
 * 4xx/5xx), so error messages are built from Chatwoot's body alone: the error n8n's HTTP helper
 * throws carries the request configuration, token header included, and must not reach the user.
 */
export async function sendOnce(
	context: ChatwootContext,
	connection: ChatwootConnection,
	request: ChatwootRequest,
	timeoutMs: number,
): Promise<ChatwootAnswer> {
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL: connection.baseUrl,
		url: request.path,
		qs: request.qs,
		body: request.body,
		headers: { Accept: 'application/json', ...(request.contentType ? { 'Content-Type': request.contentType } : {}) },
		json: !Buffer.isBuffer(request.body),
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		skipSslCertificateValidation: connection.ignoreSslIssues,
		timeout: timeoutMs,
	};
	let response: IN8nHttpFullResponse;
	try {
		response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			'chatwootApi',
			options,
			{ credentialsDecrypted: connection.credentials },
		)) as IN8nHttpFullResponse;
	} catch (error) {
		throw classifyNetworkError(error);
	}
	return { statusCode: response.statusCode, headers: response.headers, body: response.body };
}

export interface SendResult {
	answer: ChatwootAnswer;
	/** An earlier attempt was sent but its answer was lost, so this answer may describe a repeat. */
	followedLostAnswer: boolean;
}

/**
 * Sends a request, retrying what is safe to retry: 429 (honouring Retry-After when a proxy sends
 * one) and 503 and requests that never left, always; a lost answer (connection reset, timeout,
 * 502, 504) only when `retryLostAnswers` says repeating the request cannot create a duplicate.
 * Whatever answer ends the loop is returned; a lost answer that may not be retried is thrown as
 * AnswerLostError.
 */
export async function sendWithRetries(
	context: ChatwootContext,
	connection: ChatwootConnection,
	request: ChatwootRequest,
	policy: RetryPolicy,
	retryLostAnswers: boolean,
): Promise<SendResult> {
	let followedLostAnswer = false;
	for (let attempt = 1; ; attempt++) {
		const mayRetry = attempt <= policy.maxRetries;
		const outcome = await sendOnce(context, connection, request, policy.timeoutMs).catch((error: Error) => error);
		let waitMs: number;
		if (outcome instanceof Error) {
			const lost = outcome instanceof AnswerLostError;
			if (!mayRetry || !(outcome instanceof NotSentError || (lost && retryLostAnswers))) throw outcome;
			followedLostAnswer ||= lost;
			waitMs = backoffDelay(attempt, policy);
		} else {
			const verdict = classifyAnswer(outcome.statusCode);
			if (verdict === 'lost' && !retryLostAnswers) throw new AnswerLostError(`HTTP ${outcome.statusCode}`, outcome);
			if (verdict === 'final' || !mayRetry) return { answer: outcome, followedLostAnswer };
			followedLostAnswer ||= verdict === 'lost';
			waitMs = retryAfterMs(outcome.headers['retry-after']) ?? backoffDelay(attempt, policy);
		}
		await sleep(waitMs);
	}
}
