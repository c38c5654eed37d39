import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { normalizeBaseUrl } from '../helpers/baseUrl';
import type { InvalidBaseUrlError } from '../helpers/baseUrl';
import { isPlainObject } from '../helpers/isPlainObject';
import { chatwootApiError } from './errors';
import { RateGovernor } from './rateGovernor';
import type { AdmissionOutcome } from './rateGovernor';
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
	// n8n's HTTP client would send such a token mangled (or split the header), and Chatwoot answers
	// 401 without a hint: a token copied with a line break is refused here, naming the field only.
	const hasControlCharacter = (text: string) => [...text].some((character) => character < ' ' || character === '\u007f');
	if (typeof data.accessToken === 'string' && hasControlCharacter(data.accessToken)) {
		throw new NodeOperationError(context.getNode(), 'The API Access Token in the Chatwoot credential contains a line break or another control character', {
			description: "Open the credential and paste the token again from Chatwoot's Profile Settings → Access Token, without spaces or line breaks.",
		});
	}
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
/** The Chatwoot API's rate-limit window (rack-attack's period). */
const RATE_LIMIT_WINDOW_MS = 60_000;

const systemClock = { now: () => Date.now(), sleep, random: () => Math.random() };

function admissionOutcome(outcome: ChatwootResponse | Error): AdmissionOutcome {
	if (outcome instanceof Error) return { kind: 'noResponse' };
	if (outcome.statusCode !== 429) return { kind: 'accepted' };
	const date = outcome.headers.date;
	return {
		kind: 'throttled',
		retryAfterMs: retryAfterMs(outcome.headers['retry-after']),
		serverDate: typeof date === 'string' ? date : undefined,
	};
}

const NOT_SENT_GUIDANCE = {
	certificate: (code: string, baseUrl: string) => ({
		message: "Chatwoot's TLS certificate was not accepted",
		description: `Cause: ${code}, connecting to ${baseUrl}. Give the server a certificate from a public authority, or, for a self-hosted Chatwoot with its own certificate or authority, turn on Ignore SSL Issues in the Chatwoot credential. An https:// Base URL pointing at a plain-HTTP port fails the same way.`,
	}),
	name: (code: string, baseUrl: string) => ({
		message: "The host name in the Chatwoot credential's Base URL could not be resolved",
		description: `Cause: ${code}, looking up ${new URL(baseUrl).hostname}. Check the Base URL in the Chatwoot credential (the address you open Chatwoot at) and that n8n can resolve it.`,
	}),
	connection: (code: string, baseUrl: string) => ({
		message: "Nothing answers at the Chatwoot credential's Base URL",
		description: `Cause: ${code}, connecting to ${baseUrl}. Check the Base URL in the Chatwoot credential (scheme, host and port) and that Chatwoot is running and reachable from n8n.`,
	}),
};

/**
 * The one way this node talks to Chatwoot. One client serves a whole run (every item and every
 * lookup of a node execution, or one dropdown load), so the credential is read once, the retry
 * policy is the run's, and one rate governor paces every request in flight.
 */
export class ChatwootClient {
	private readonly governor: RateGovernor;

	/** Whether any response came from the server in this run: until then, a failure to connect is the configuration's. */
	private reachedServer = false;

	/** A failure that would repeat for every request; once seen, nothing more is sent. */
	private configurationError: NodeOperationError | undefined;

	private constructor(
		private readonly context: ChatwootContext,
		private readonly connection: ChatwootConnection,
		private readonly policy: RetryPolicy,
	) {
		this.governor = new RateGovernor(
			{ windowMs: RATE_LIMIT_WINDOW_MS, maxRequestsPerMinute: policy.maxRequestsPerMinute },
			systemClock,
		);
	}

	/** The credential's Base URL, normalized: where Chatwoot's own pages are too. */
	get baseUrl(): string {
		return this.connection.baseUrl;
	}

	static async connect(context: ChatwootContext, policy: RetryPolicy): Promise<ChatwootClient> {
		return new ChatwootClient(context, await readConnection(context), policy);
	}

	/**
	 * One HTTP exchange. Every HTTP status comes back as a response (nothing is thrown for 4xx/5xx),
	 * so error messages are built from Chatwoot's body alone: the error n8n's HTTP helper throws
	 * carries the request configuration, token header included, and must not reach the user.
	 */
	async sendOnce(request: ChatwootRequest): Promise<ChatwootResponse> {
		if (this.configurationError) throw this.configurationError;
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
			throw this.repeatingFailure(classifyNetworkError(error));
		}
		this.reachedServer = true;
		return { statusCode: response.statusCode, headers: response.headers, body: response.body };
	}

	/**
	 * A certificate that was refused, or a server never reached since the run began, is the
	 * configuration's fault: it fails at once with what to fix, and the run sends nothing more.
	 * The same failure later in a run is taken as passing and retried.
	 */
	private repeatingFailure(failure: Error): Error {
		if (!(failure instanceof NotSentError)) return failure;
		if (failure.reason !== 'certificate' && this.reachedServer) return failure;
		const { message, description } = NOT_SENT_GUIDANCE[failure.reason](failure.code, this.connection.baseUrl);
		this.configurationError ??= new NodeOperationError(this.context.getNode(), message, { description });
		return this.configurationError;
	}

	/**
	 * Sends a request, retrying what is safe to retry. A 429 waits for Chatwoot's next rate-limit
	 * window with the whole run (see RateGovernor); a 503 and a request that never reached Chatwoot
	 * are retried with backoff. Both for as long as the policy's time budget allows. A lost response
	 * (connection reset, timeout, 502, 504) is retried, a counted number of times, only with
	 * `retryLostResponses`; otherwise, or once those retries are spent, it is thrown as
	 * ResponseLostError. Any other response ends the loop and is returned.
	 */
	async send(request: ChatwootRequest, { retryLostResponses }: SendOptions): Promise<SendResult> {
		const policy = this.policy;
		let followedLostResponse = false;
		let lostResponses = 0;
		let unavailable = 0;
		/** The first 429, 503 or failure to connect: the start of this request's time budget. */
		let retryingSince: number | undefined;
		let last: ChatwootResponse | Error | undefined;
		const giveUp = () => {
			if (last instanceof Error) throw last;
			return { response: last!, followedLostResponse };
		};

		for (;;) {
			const admission = await this.governor.admit(retryingSince === undefined ? undefined : retryingSince + policy.maxWaitMs);
			if (!admission) return giveUp();
			const outcome = await this.sendOnce(request).catch((error: Error) => error);
			this.governor.settle(admission, admissionOutcome(outcome));
			last = outcome;

			const verdict =
				outcome instanceof ResponseLostError
					? 'lost'
					: outcome instanceof NotSentError
						? 'retry'
						: outcome instanceof Error
							? 'failed'
							: classifyResponse(outcome.statusCode);
			if (verdict === 'failed') throw outcome;
			if (verdict === 'final') return { response: outcome as ChatwootResponse, followedLostResponse };
			if (verdict === 'lost') {
				const error = outcome instanceof Error ? outcome : new ResponseLostError(`HTTP ${outcome.statusCode}`, outcome);
				if (!retryLostResponses || ++lostResponses > policy.maxRetries) throw error;
				followedLostResponse = true;
				await sleep(backoffDelay(lostResponses, policy));
				continue;
			}

			const now = Date.now();
			retryingSince ??= now;
			const remaining = retryingSince + policy.maxWaitMs - now;
			if (remaining <= 0) return giveUp();
			// A 429's wait is the governor's (it holds every request of the run); a 503 or a failure
			// to connect waits with backoff, or as long as a proxy's Retry-After asks.
			if (!(outcome instanceof Error) && outcome.statusCode === 429) continue;
			const asked = outcome instanceof Error ? undefined : retryAfterMs(outcome.headers['retry-after']);
			await sleep(Math.min(remaining, asked ?? backoffDelay(++unavailable, policy)));
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
