import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { MalformedBodyError, parseRequestParams, type ParsedRequest } from './requestParams';
import type { HandlerContext } from '../controllers/handlerContext';
import { FaultInjector, type PreProcessingFault } from '../controls/faults';
import { handleInspection, INSPECTION_PREFIX, type InspectionControls } from '../controls/inspection';
import { FixedWindowThrottle, searchThrottleKey } from '../controls/throttle';
import { recordableParams } from '../controls/telemetry';
import { replies, ReplyError, textReply, type Reply } from './reply';
import { matchRoute, type RouteMatch } from './routes';
import { AccountCatalog } from '../domain/accountCatalog';
import { ContactStore, toStoredContact } from '../domain/contactStore';
import { Telemetry } from '../controls/telemetry';
import type { RateLimitOptions, Simulator, SimulatorOptions } from '../types';

const MAX_BODY_BYTES = 64 * 1024 * 1024;
const AVATAR_PATH = /^\/rails\/active_storage\/representations\/redirect\/([^/]+)\/[^/]+$/;
const SEARCH_WINDOW_MS = 60_000;

class BodyTooLargeError extends Error {}

function readBody(request: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) reject(new BodyTooLargeError());
			else chunks.push(chunk);
		});
		request.on('end', () => resolve(Buffer.concat(chunks)));
		request.on('error', reject);
		request.on('aborted', () => reject(new Error('request aborted')));
	});
}

function writeReply(response: ServerResponse, reply: Reply): void {
	if (response.destroyed || response.writableEnded) return;
	const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
	response.writeHead(reply.status, {
		'content-type': reply.contentType,
		'content-length': body.length,
		...reply.headers,
	});
	response.end(body);
}

/** Everything a running simulator owns; the HTTP layer below only routes into it. */
class SimulatorState {
	readonly store = new ContactStore();
	readonly catalog = new AccountCatalog();
	readonly telemetry = new Telemetry();
	readonly faults: FaultInjector;
	private readonly throttle = new FixedWindowThrottle();
	private readonly timers = new Set<NodeJS.Timeout>();
	private rateLimit: RateLimitOptions | undefined;
	private readonly searchLimitPerMinute: number;
	baseUrl = '';

	constructor(options: SimulatorOptions) {
		this.faults = new FaultInjector(options.faults);
		this.rateLimit = options.rateLimit;
		this.searchLimitPerMinute = options.searchLimitPerMinute ?? 100;
	}

	setRateLimit(rateLimit: RateLimitOptions | undefined): void {
		this.rateLimit = rateLimit;
	}

	/** rack-attack order: `req/ip` first, then the per-account contacts search throttle. */
	isThrottled(clientIp: string, path: string): boolean {
		if (this.rateLimit && this.throttle.isThrottled(`ip:${clientIp}`, this.rateLimit.limit, this.rateLimit.windowMs)) {
			return true;
		}
		const searchKey = searchThrottleKey(path);
		return searchKey !== undefined && this.throttle.isThrottled(searchKey, this.searchLimitPerMinute, SEARCH_WINDOW_MS);
	}

	delay(ms: number): Promise<void> {
		if (ms <= 0) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.add(timer);
		});
	}

	/** Pending latency timers would keep the process alive after close(). */
	cancelTimers(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}

	reset(): void {
		this.store.clear();
		this.catalog.reset();
		this.telemetry.reset();
		this.throttle.clear();
	}
}

function faultReply(fault: Exclude<PreProcessingFault, 'dropBefore'>, state: SimulatorState): Reply {
	return fault === 'reject429' ? replies.throttled(state.faults.retryAfterSeconds) : replies.proxyUnavailable();
}

/** The request's params, parsed once for both the handler and the request log. */
function parseParams(url: URL, body: Buffer, contentType: string): ParsedRequest | MalformedBodyError {
	try {
		return parseRequestParams(url.search.slice(1), body, contentType);
	} catch (error) {
		if (error instanceof MalformedBodyError) return error;
		throw error;
	}
}

function runHandler(
	match: RouteMatch,
	state: SimulatorState,
	request: IncomingMessage,
	parsed: ParsedRequest | MalformedBodyError,
): Reply {
	// Rails raises the parse error at the first `params` access, before authentication.
	if (parsed instanceof MalformedBodyError) return replies.badRequest(request.headers.accept);
	const context: HandlerContext = {
		pathParams: match.pathParams,
		params: parsed.params,
		headers: request.headers,
		baseUrl: state.baseUrl,
		store: state.store,
		catalog: state.catalog,
		onContactCreated: () => state.telemetry.count('created'),
	};
	try {
		return match.route.handler(context);
	} catch (error) {
		if (error instanceof ReplyError) return error.reply;
		console.error('[chatwoot-simulator] unexpected error', error);
		return replies.internalError();
	}
}

/** rate limit -> injected 429/503/drop decision -> latency -> processing (-> drop after create). */
async function handleApiRequest(state: SimulatorState, request: IncomingMessage, response: ServerResponse, url: URL) {
	const method = request.method ?? 'GET';
	const record = state.telemetry.begin({ method, path: url.pathname, query: url.searchParams, headers: request.headers });
	response.on('close', () => state.telemetry.end());
	const respond = (reply: Reply) => {
		state.telemetry.answered(record, reply.status);
		writeReply(response, reply);
	};

	const throttled = state.isThrottled(request.socket.remoteAddress ?? 'unknown', url.pathname);
	const fault = throttled ? undefined : state.faults.decideBeforeProcessing();
	const match = matchRoute(method, url.pathname);
	const dropAfter = !throttled && !fault && match?.route.isContactCreate === true && state.faults.decideDropAfterCreate();

	let body: Buffer;
	try {
		body = await readBody(request);
	} catch (error) {
		if (error instanceof BodyTooLargeError) respond(textReply(413, 'Payload Too Large\n'));
		return;
	}
	const parsed = parseParams(url, body, request.headers['content-type'] ?? '');
	record.params = parsed instanceof MalformedBodyError ? null : recordableParams(parsed.body);
	await state.delay(state.faults.latencyMs);

	if (throttled) return respond(replies.throttled());
	if (fault === 'dropBefore') {
		state.telemetry.count('droppedBefore');
		return request.socket.destroy();
	}
	if (fault) {
		if (fault === 'reject503') state.telemetry.count('rejected503');
		return respond(faultReply(fault, state));
	}
	if (!match) return respond(replies.routeNotFound());

	const reply = runHandler(match, state, request, parsed);
	// The fault is a contact created and its answer lost; a refused create is answered as usual.
	if (dropAfter && reply.status === 200) {
		state.telemetry.count('droppedAfter');
		return request.socket.destroy();
	}
	respond(reply);
}

function serveAvatar(state: SimulatorState, url: URL, response: ServerResponse): void {
	const key = AVATAR_PATH.exec(url.pathname)?.[1];
	const blob = key === undefined ? undefined : state.store.avatarBlob(key);
	if (!blob) return writeReply(response, replies.routeNotFound());
	writeReply(response, { status: 200, contentType: blob.contentType, body: blob.bytes });
}

async function handleRequest(
	state: SimulatorState,
	controls: InspectionControls,
	request: IncomingMessage,
	response: ServerResponse,
) {
	const url = new URL(request.url ?? '/', 'http://127.0.0.1');
	if (url.pathname.startsWith('/api/')) return handleApiRequest(state, request, response, url);
	if (url.pathname.startsWith(INSPECTION_PREFIX)) {
		const body = await readBody(request).catch(() => Buffer.alloc(0));
		return writeReply(response, handleInspection(controls, request.method ?? 'GET', url, body));
	}
	if (request.method === 'GET' && AVATAR_PATH.test(url.pathname)) return serveAvatar(state, url, response);
	writeReply(response, replies.routeNotFound());
}

function inspectionControls(state: SimulatorState): InspectionControls {
	return {
		setFaults: (faults) => state.faults.configure(faults),
		setRateLimit: (rateLimit) => state.setRateLimit(rateLimit),
		reset: () => state.reset(),
		requests: () => state.telemetry.requests(),
		contacts: (accountId) =>
			state.store
				.all()
				.filter((contact) => accountId === undefined || contact.accountId === accountId)
				.map(toStoredContact),
		counters: () => state.telemetry.counters(),
		setLabels: (accountId, labels) => state.catalog.setLabels(accountId, labels),
		setCustomAttributeDefinitions: (accountId, definitions) =>
			state.catalog.setCustomAttributeDefinitions(accountId, definitions),
		labels: (accountId) => state.catalog.labels(accountId),
		customAttributeDefinitions: (accountId) => state.catalog.customAttributeDefinitions(accountId),
	};
}

/** Starts a Chatwoot simulator on 127.0.0.1 (port 0 picks a free port). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const state = new SimulatorState(options);
	const controls = inspectionControls(state);
	const sockets = new Set<Socket>();
	const server = createServer((request, response) => void handleRequest(state, controls, request, response));
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	state.baseUrl = `http://127.0.0.1:${port}`;

	return {
		...controls,
		url: state.baseUrl,
		port,
		close: () =>
			new Promise<void>((resolve) => {
				state.cancelTimers();
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			}),
	};
}
