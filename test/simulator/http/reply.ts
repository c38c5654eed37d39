/** What a handler answers; the server writes it (or drops the socket instead). */
export interface Reply {
	status: number;
	contentType: string;
	body: string | Buffer;
	headers?: Record<string, string>;
}

/** Thrown anywhere below a handler to abort processing with a ready-made reply. */
export class ReplyError extends Error {
	constructor(readonly reply: Reply) {
		super(`simulated ${reply.status}`);
	}
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** ActiveSupport::JSON escapes HTML-significant characters (escape_html_entities_in_json). */
function railsJson(value: unknown): string {
	return JSON.stringify(value)
		.replace(/</g, '\\u003c')
		.replace(/>/g, '\\u003e')
		.replace(/&/g, '\\u0026')
		.replace(/\u2028/g, '\\u2028')
		.replace(/\u2029/g, '\\u2029');
}

export function jsonReply(status: number, value: unknown): Reply {
	return { status, contentType: JSON_TYPE, body: railsJson(value) };
}

export function textReply(status: number, text: string, contentType = 'text/plain'): Reply {
	return { status, contentType, body: text };
}

export function fail(reply: Reply): never {
	throw new ReplyError(reply);
}

// Bodies of app/controllers/concerns/request_exception_handler.rb and friends (docs/chatwoot-behaviour.md, "Error bodies").
export const replies = {
	resourceNotFound: () => jsonReply(404, { error: 'Resource could not be found' }),
	routeNotFound: () => jsonReply(404, { status: 404, error: 'Not Found' }),
	internalError: () => jsonReply(500, { status: 500, error: 'Internal Server Error' }),
	unprocessable: (error: string) => jsonReply(422, { error }),
	unauthorized: (error: string) => jsonReply(401, { error }),
	deviseUnauthenticated: () =>
		jsonReply(401, { errors: ['You need to sign in or sign up before continuing.'] }),
	// rack-attack's DEFAULT_THROTTLED_RESPONDER, see "Rate limiting"
	throttled: (retryAfterSeconds?: number): Reply => ({
		...textReply(429, 'Retry later\n'),
		...(retryAfterSeconds === undefined ? {} : { headers: { 'retry-after': String(retryAfterSeconds) } }),
	}),
	/** Rails PublicExceptions: JSON only when the client asked for it, else an empty HTML page. */
	badRequest: (accept: string | undefined): Reply =>
		accept?.includes('application/json')
			? jsonReply(400, { status: 400, error: 'Bad Request' })
			: textReply(400, '', 'text/html; charset=utf-8'),
	proxyUnavailable: () =>
		textReply(
			503,
			'<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
			'text/html',
		),
};
