/**
 * multipart/form-data parsing as Rack does it for Rails: every field goes through the same
 * bracket-key nesting as query strings (`custom_attributes[plan]=pro`), plain fields arrive as
 * strings, parts with a filename become UploadedFile objects, and a file part with an empty
 * filename is ignored (browser "no file selected").
 */
import { normalizeParams, ParameterTypeError, UploadedFile, type ParamHash, type ParamValue } from './rackParams';

interface Part {
	name: string;
	filename?: string;
	contentType: string;
	content: Buffer;
}

export function boundaryOf(contentType: string): string | undefined {
	const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return match ? (match[1] ?? match[2]) : undefined;
}

function parseHeaderBlock(block: string): Map<string, string> {
	const headers = new Map<string, string>();
	for (const line of block.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
	}
	return headers;
}

function dispositionParam(disposition: string, key: string): string | undefined {
	const extended = new RegExp(`;\\s*${key}\\*=(?:UTF-8|utf-8)''([^;]*)`).exec(disposition);
	if (extended) return decodeURIComponent(extended[1]);
	const quoted = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`).exec(disposition);
	if (quoted) return quoted[1].replace(/\\(.)/g, '$1');
	const bare = new RegExp(`;\\s*${key}=([^;\\s]*)`).exec(disposition);
	return bare?.[1];
}

function parsePart(raw: Buffer): Part | undefined {
	const headerEnd = raw.indexOf('\r\n\r\n');
	if (headerEnd < 0) throw new ParameterTypeError('bad content body');
	const headers = parseHeaderBlock(raw.subarray(0, headerEnd).toString('utf8'));
	const disposition = headers.get('content-disposition') ?? '';
	const name = dispositionParam(disposition, 'name');
	if (name === undefined) return undefined;
	return {
		name,
		filename: dispositionParam(disposition, 'filename'),
		contentType: headers.get('content-type') ?? 'text/plain',
		content: raw.subarray(headerEnd + 4),
	};
}

function splitParts(body: Buffer, boundary: string): Buffer[] {
	const delimiter = Buffer.from(`--${boundary}`);
	const first = body.indexOf(delimiter);
	if (first < 0) throw new ParameterTypeError('bad content body');
	const parts: Buffer[] = [];
	let cursor = first + delimiter.length;
	for (;;) {
		if (body.subarray(cursor, cursor + 2).toString() === '--') return parts;
		if (body.subarray(cursor, cursor + 2).toString() !== '\r\n') throw new ParameterTypeError('bad content body');
		const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), cursor + 2);
		if (next < 0) throw new ParameterTypeError('bad content body');
		parts.push(body.subarray(cursor + 2, next));
		cursor = next + 2 + delimiter.length;
	}
}

function partValue(part: Part): ParamValue {
	if (part.filename === undefined) return part.content.toString('utf8');
	return new UploadedFile(part.filename, part.contentType, Buffer.from(part.content));
}

export function parseMultipart(body: Buffer, contentType: string): ParamHash {
	const boundary = boundaryOf(contentType);
	if (!boundary) throw new ParameterTypeError('multipart body without boundary');
	const params: ParamHash = {};
	for (const raw of splitParts(body, boundary)) {
		const part = parsePart(raw);
		if (!part || part.filename === '') continue;
		normalizeParams(params, part.name, partValue(part));
	}
	return params;
}
