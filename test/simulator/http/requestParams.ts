/**
 * Turns a request into the `params` a Rails controller sees: query string parameters, overridden
 * key by key by the parsed body (ActionDispatch `request.parameters`). Only JSON, urlencoded and
 * multipart bodies are parsed; any other content type contributes nothing (docs/chatwoot-behaviour.md,
 * "Request parameters").
 */
import { parseMultipart } from './multipart';
import { isParamHash, ParameterTypeError, parseNestedQuery, setOwn, type ParamHash, type ParamValue } from './rackParams';

export class MalformedBodyError extends Error {}

const JSON_TYPES = ['application/json', 'text/x-json', 'application/jsonrequest'];

function mediaType(contentType: string): string {
	return contentType.split(';')[0].trim().toLowerCase();
}

/** ActionDispatch::Request::Utils deep_munge: nils are removed from arrays. */
function deepMunge(value: ParamValue): ParamValue {
	if (Array.isArray(value)) return value.filter((item) => item !== null).map(deepMunge);
	if (!isParamHash(value)) return value;
	const munged: ParamHash = {};
	for (const [key, item] of Object.entries(value)) setOwn(munged, key, deepMunge(item));
	return munged;
}

function parseJsonBody(body: Buffer): ParamHash {
	const text = body.toString('utf8');
	if (text.trim() === '') return {};
	let data: ParamValue;
	try {
		data = JSON.parse(text) as ParamValue;
	} catch {
		throw new MalformedBodyError('malformed JSON');
	}
	// Rails keeps a non-object JSON document under `_json`, where no permitted key will find it.
	return isParamHash(data) ? (deepMunge(data) as ParamHash) : { _json: deepMunge(data) };
}

function parseBody(body: Buffer, contentType: string): ParamHash {
	const type = mediaType(contentType);
	if (JSON_TYPES.includes(type)) return parseJsonBody(body);
	if (type === 'application/x-www-form-urlencoded') return parseNestedQuery(body.toString('utf8'));
	if (type === 'multipart/form-data') return parseMultipart(body, contentType);
	return {};
}

export interface ParsedRequest {
	body: ParamHash;
	/** Query and body merged the way Rails merges them (body wins). */
	params: ParamHash;
}

export function parseRequestParams(rawQuery: string, body: Buffer, contentType: string): ParsedRequest {
	try {
		const query = parseNestedQuery(rawQuery);
		const parsedBody = parseBody(body, contentType);
		const params: ParamHash = {};
		for (const [key, value] of [...Object.entries(query), ...Object.entries(parsedBody)]) setOwn(params, key, value);
		return { body: parsedBody, params };
	} catch (error) {
		if (error instanceof ParameterTypeError) throw new MalformedBodyError(error.message);
		throw error;
	}
}
