import { randomBytes } from 'crypto';

export type FormField = [name: string, value: string];

export interface FormFile {
	field: string;
	filename: string;
	contentType: string;
	bytes: Buffer;
}

export class FormEncodingError extends Error {}

type Scalar = string | number | boolean;

const isScalar = (value: unknown): value is Scalar =>
	typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * Flattens a value into the bracketed field names Rails parses back into hashes and arrays
 * (`custom_attributes[plan]`, `additional_attributes[social_profiles][twitter]`, `tags[]`), the way
 * Chatwoot's own dashboard sends contact forms. A form carries text only, so numbers and booleans
 * become their text (Chatwoot then stores "5", not 5). What a form cannot carry at all (null, empty
 * arrays and objects, nested arrays, arrays of objects, which Rails would regroup) is refused with
 * the key's path instead of being dropped or altered silently.
 */
export function toRailsFormFields(name: string, value: unknown, path = name): FormField[] {
	if (isScalar(value)) {
		if (typeof value === 'number' && !Number.isFinite(value)) {
			throw new FormEncodingError(`"${path}" is ${value}, which is not a number Chatwoot can store`);
		}
		return [[name, String(value)]];
	}
	if (value === null || value === undefined) {
		throw new FormEncodingError(`"${path}" is ${String(value)}, and a form upload cannot carry an empty value`);
	}
	if (Array.isArray(value)) {
		if (value.length === 0) {
			throw new FormEncodingError(`"${path}" is an empty list, which a form upload cannot carry`);
		}
		return value.flatMap((element, index) => {
			if (!isScalar(element)) {
				throw new FormEncodingError(
					`"${path}[${index}]" is not text, a number or true/false; a form upload can only carry lists of those`,
				);
			}
			return toRailsFormFields(`${name}[]`, element, `${path}[${index}]`);
		});
	}
	if (typeof value === 'object') {
		const entries = Object.entries(value);
		if (entries.length === 0) {
			throw new FormEncodingError(`"${path}" is an empty object, which a form upload cannot carry`);
		}
		return entries.flatMap(([key, child]) => {
			// Browsers percent-encode `"`, CR and LF in a field name, and Rack does not decode them, so
			// Chatwoot would store the key renamed (`say %22hi%22`); brackets would nest it.
			if (key === '' || /[[\]"\r\n]/.test(key)) {
				throw new FormEncodingError(
					`"${path}" has the key ${JSON.stringify(key)}, which a form field name cannot carry (empty, or with [ ], " or a line break)`,
				);
			}
			return toRailsFormFields(`${name}[${key}]`, child, `${path}.${key}`);
		});
	}
	throw new FormEncodingError(`"${path}" has a value of type ${typeof value}, which a form upload cannot carry`);
}

/**
 * Quotes a header parameter the way browsers do for form fields (RFC 7578 §2 and the HTML spec).
 * Field names never need it (toRailsFormFields refuses such keys); a file name may, and its
 * percent-encoding only shows in the avatar's stored name.
 */
const quoteParameter = (text: string) =>
	text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/**
 * A complete `multipart/form-data` body as one Buffer: replayable for retries and independent of
 * how the HTTP client would stream a FormData object.
 */
export function encodeMultipart(
	fields: FormField[],
	file?: FormFile,
	boundary = `----n8nChatwoot${randomBytes(12).toString('hex')}`,
): { body: Buffer; contentType: string } {
	const parts: Buffer[] = [];
	for (const [name, value] of fields) {
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${quoteParameter(name)}"\r\n\r\n${value}\r\n`,
				'utf8',
			),
		);
	}
	if (file) {
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${quoteParameter(file.field)}"; filename="${quoteParameter(file.filename)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
				'utf8',
			),
			file.bytes,
			Buffer.from('\r\n', 'utf8'),
		);
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
