import type { FieldType } from 'n8n-workflow';
/**
 * Checks of mapped custom attribute values against the account's own definitions.
 *
 * Chatwoot's server never checks a contact's custom attribute values (app/models/contact.rb has no
 * such validation; custom_attribute_definition.rb only validates the definitions), so these checks
 * follow what the definitions mean to the rest of Chatwoot: the dashboard's editors
 * (components-next/CustomAttributes/*.vue) and the contact filter, which casts number, date and
 * checkbox values in SQL (filter_service.rb ATTRIBUTE_TYPES) and fails for the whole account when one
 * stored value cannot be cast. They are never stricter than the definition: what Chatwoot would show
 * and filter correctly passes.
 */
import { isPlainObject } from './isPlainObject';

/** A row of GET /api/v1/accounts/:id/custom_attribute_definitions (_custom_attribute_definition.json.jbuilder). */
export interface AttributeDefinition {
	attribute_key: string;
	attribute_display_name: string;
	attribute_display_type: string;
	attribute_description?: string | null;
	attribute_values?: unknown;
	regex_pattern?: string | null;
	regex_cue?: string | null;
}

export type AttributeValue = string | number | boolean;

export type ValueCheck = { ok: true; value: AttributeValue } | { ok: false; problem: string; hint: string };

/**
 * Not set, so not sent: nothing, null, or text that is only spaces. For a checkbox, false is a
 * value (it is sent); only a missing value counts as empty.
 */
export function isEmptyAttributeValue(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** The values a list attribute offers, as text (Chatwoot stores the chosen one as text). */
export function listValues(definition: AttributeDefinition): string[] {
	const values = definition.attribute_values;
	return Array.isArray(values) ? values.filter((entry) => typeof entry === 'string' || typeof entry === 'number').map(String) : [];
}

const describe = (value: unknown) => (typeof value === 'string' ? `"${value}"` : isPlainObject(value) || Array.isArray(value) ? JSON.stringify(value) : String(value));

const fail = (problem: string, hint: string): ValueCheck => ({ ok: false, problem, hint });

const NUMBER_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** A number, or text that is exactly one (as an expression or a form may give it). */
function toNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string' && NUMBER_TEXT.test(value.trim())) return Number(value.trim());
	return undefined;
}

function toBoolean(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
	return undefined;
}

/** Text as typed, or the text of a number or boolean an expression produced. */
function toText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'boolean') return String(value);
	return undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;

function isCalendarDate(year: number, month: number, day: number): boolean {
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

interface DateLike {
	toISO?: () => string | null;
	toISOString?: () => string;
}

/**
 * An ISO 8601 date or date-time, as text or as the Date / Luxon DateTime an expression such as
 * {{ $now }} gives. Text is sent as written; objects as their ISO text.
 */
function toIsoDate(value: unknown): string | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
	if (typeof value === 'object' && value !== null) {
		const candidate = value as DateLike;
		if (typeof candidate.toISO === 'function') return candidate.toISO() ?? undefined;
		if (typeof candidate.toISOString === 'function') return candidate.toISOString();
		return undefined;
	}
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	const match = ISO_DATE.exec(text);
	if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return undefined;
	return text;
}

/** What Chatwoot's dashboard shows as a link: an http(s) address with a host. */
function isHttpUrl(text: string): boolean {
	try {
		const url = new URL(text);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}

/** Ruby regex tokens that have a JavaScript equivalent, outside and inside character classes. */
const RUBY_ESCAPES: Record<string, { outside: string; inside: string }> = {
	A: { outside: '^', inside: '' },
	z: { outside: '$', inside: '' },
	Z: { outside: '(?=\\n?$)', inside: '' },
	h: { outside: '[0-9a-fA-F]', inside: '0-9a-fA-F' },
	H: { outside: '[^0-9a-fA-F]', inside: '' },
};

/** Rewrites \A, \z, \Z, \h and \H; undefined when one of them appears where JavaScript has no equivalent. */
function translateRubyEscapes(source: string): string | undefined {
	let result = '';
	let inClass = false;
	for (let index = 0; index < source.length; index++) {
		const char = source[index];
		if (char === '\\' && index + 1 < source.length) {
			const next = source[index + 1];
			const ruby = RUBY_ESCAPES[next];
			if (ruby) {
				const replacement = inClass ? ruby.inside : ruby.outside;
				if (replacement === '') return undefined;
				result += replacement;
			} else {
				result += char + next;
			}
			index++;
			continue;
		}
		if (char === '[' && !inClass) inClass = true;
		else if (char === ']' && inClass) inClass = false;
		result += char;
	}
	return result;
}

/**
 * A text attribute's `regex_pattern` as the dashboard reads it: `/source/flags`, the form its
 * settings page saves (Validators.js normalizeRegexPattern and getRegexp). A bare pattern, which only
 * the API can store, is read as the source, as that settings page would have saved it. Ruby-style
 * anchors and a leading (?i) are translated. A pattern JavaScript cannot compile gives no check at
 * all: the server accepts any value, so an unreadable pattern must not block one.
 */
export function compileDefinitionPattern(pattern: string | null | undefined): RegExp | undefined {
	if (typeof pattern !== 'string' || pattern.trim() === '') return undefined;
	const slashed = /^\/([\s\S]*)\/([a-z]*)$/.exec(pattern);
	let source = slashed ? slashed[1] : pattern;
	let flags = slashed ? slashed[2] : '';
	if (source.startsWith('(?i)')) {
		source = source.slice(4);
		if (!flags.includes('i')) flags += 'i';
	}
	const translated = translateRubyEscapes(source);
	if (translated === undefined) return undefined;
	try {
		return new RegExp(translated, flags);
	} catch {
		return undefined;
	}
}

function matchesPattern(pattern: RegExp, text: string): boolean {
	// A 'g' or 'y' flag makes test() start where the previous call ended.
	pattern.lastIndex = 0;
	return pattern.test(text);
}

/**
 * Checks one non-empty value against its definition and returns what is sent: numbers for number,
 * currency and percent; true/false for a checkbox; text for the rest. `pattern` is the compiled
 * `regex_pattern` of a text attribute (compileDefinitionPattern), passed in so it is compiled once.
 */
export function checkAttributeValue(definition: AttributeDefinition, value: unknown, pattern?: RegExp): ValueCheck {
	const type = definition.attribute_display_type;
	switch (type) {
		case 'number':
		case 'currency':
		case 'percent': {
			const number = toNumber(value);
			if (number === undefined) {
				return fail('must be a number', `It is ${describe(value)}. Give digits with an optional decimal point, e.g. 1250 or 12.5, without a currency sign, percent sign or thousands separators; Chatwoot's filters read this attribute as a number.`);
			}
			return { ok: true, value: number };
		}
		case 'checkbox': {
			const flag = toBoolean(value);
			if (flag === undefined) return fail('must be true or false', `It is ${describe(value)}.`);
			return { ok: true, value: flag };
		}
		case 'date': {
			const date = toIsoDate(value);
			if (date === undefined) {
				return fail('must be a date', `It is ${describe(value)}. Give an ISO 8601 date such as 2026-05-01 or a date and time such as 2026-05-01T09:30:00Z, or a date from an expression such as {{ $now }}.`);
			}
			return { ok: true, value: date };
		}
		case 'list': {
			const text = toText(value);
			const allowed = listValues(definition);
			if (text !== undefined && allowed.includes(text)) return { ok: true, value: text };
			const sameIgnoringCase = text === undefined ? undefined : allowed.find((entry) => entry.toLowerCase() === text.trim().toLowerCase());
			const suggestion = sameIgnoringCase === undefined ? '' : ` Did you mean "${sameIgnoringCase}"?`;
			return fail('must be one of its list values', `It is ${describe(value)}; the list offers ${allowed.map((entry) => `"${entry}"`).join(', ') || 'no values'}.${suggestion}`);
		}
		case 'link': {
			const text = toText(value)?.trim();
			if (text === undefined || !isHttpUrl(text)) {
				return fail('must be a link', `It is ${describe(value)}. Give a full http(s) address, e.g. https://example.com/page.`);
			}
			return { ok: true, value: text };
		}
		default: {
			// text, and display types newer than this node: sent as text.
			const text = toText(value);
			if (text === undefined) return fail('must be text', `It is ${describe(value)}.`);
			if (type === 'text' && pattern && !matchesPattern(pattern, text)) {
				return fail(
					'does not match its pattern',
					`${definition.regex_cue?.trim() || `It must match ${definition.regex_pattern}.`} It is ${describe(value)}.`,
				);
			}
			return { ok: true, value: text };
		}
	}
}

/**
 * The editor's input for each display type (custom_attribute_definition.rb attribute_display_type).
 * Links get a text input: the editor draws a mapped field with the parameter input of its type, and
 * has none for 'url'. The node checks links itself when it runs.
 */
export const FIELD_TYPES: Record<string, FieldType> = {
	text: 'string',
	number: 'number',
	currency: 'number',
	percent: 'number',
	link: 'string',
	date: 'dateTime',
	list: 'options',
	checkbox: 'boolean',
};
