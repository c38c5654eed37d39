import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { isPlainObject } from '../helpers/isPlainObject';
import type { ChatwootResponse } from './types';

export interface ErrorText {
	message: string;
	hint: string;
}

/**
 * Chatwoot's own words from any of the error shapes it renders (docs/chatwoot-behaviour.md, "Error bodies"):
 * `{message, attributes}` for validations, `{error}` for auth, lookups and missing params,
 * `{errors: [...]}` from devise_token_auth, and `{status, error}` from Rails' exception pages.
 */
export function chatwootWords(body: unknown): string | undefined {
	if (!isPlainObject(body)) return undefined;
	const record = body;
	if (typeof record.message === 'string' && record.message) return record.message;
	if (typeof record.error === 'string' && record.error) return record.error;
	if (Array.isArray(record.errors) && record.errors.every((entry) => typeof entry === 'string')) {
		return record.errors.join(', ');
	}
	return undefined;
}

export function offendingAttributes(body: unknown): string[] {
	const attributes = isPlainObject(body) ? body.attributes : undefined;
	return Array.isArray(attributes) ? attributes.filter((entry): entry is string => typeof entry === 'string') : [];
}

const ATTRIBUTE_HINTS: Record<string, (words: string) => string | undefined> = {
	email: (words) =>
		/taken/.test(words)
			? 'Email addresses are unique per account (compared case-insensitively). Update the existing contact, or use another email.'
			: 'Use a single address such as jane@example.com, without spaces.',
	phone_number: (words) =>
		/taken/.test(words)
			? 'Phone numbers are unique per account. Update the existing contact, or use another number.'
			: 'Use E.164: a plus sign, the country code and the number, no spaces or dashes, e.g. +14155550123.',
	identifier: () => 'Identifiers are unique per account (case-sensitive). Update the existing contact, or use another identifier.',
	name: () => 'Chatwoot stores at most 255 characters in Name, Email, Phone Number and Identifier.',
	avatar: () => 'The avatar must be a JPEG, PNG or GIF image of at most 15 MB.',
	source_id: () =>
		'WhatsApp inboxes take digits only (14155550123), Twilio SMS inboxes +digits, Twilio WhatsApp inboxes whatsapp:+digits. Leave Source ID empty to let Chatwoot derive it from the phone number.',
};

function unauthorizedHint(words: string): string {
	if (/bots/.test(words)) {
		return "This is an agent-bot or platform-app token. Contacts need a user's token: Profile Settings → Access Token in Chatwoot.";
	}
	if (/suspended/.test(words)) return 'This Chatwoot account is suspended. Ask the instance administrator, or choose another account.';
	if (/access this account/.test(words)) {
		return "The token's user is not a member of this account. Choose an account from the Account list.";
	}
	if (/sign in/.test(words)) {
		return 'No token reached Chatwoot. Check that the credential has an API Access Token and that no proxy strips the Api-Access-Token header.';
	}
	return "Check the credential's API Access Token: copy it again from Chatwoot's Profile Settings → Access Token.";
}

function htmlTitle(body: unknown): string | undefined {
	if (typeof body !== 'string') return undefined;
	return /<title>([^<]{1,120})<\/title>/i.exec(body)?.[1]?.trim();
}

function describeResponse(response: ChatwootResponse): ErrorText {
	const { statusCode, body } = response;
	const words = chatwootWords(body);
	if (statusCode === 429) {
		return {
			message: 'Chatwoot is rate-limiting these requests (429 Retry later)',
			hint: 'Chatwoot allows 3000 requests a minute per IP by default (RACK_ATTACK_LIMIT on the server), counted in one-minute windows. Set Max Requests per Minute below the limit, or raise Retry: Max Wait so items wait for the next window.',
		};
	}
	if (words === undefined) {
		const title = htmlTitle(body);
		const what = title ? `an HTML page "${title}"` : typeof body === 'string' && body ? 'a body that is not JSON' : 'an empty body';
		const hint =
			statusCode >= 500
				? 'Chatwoot or a proxy in front of it failed. Try again later; if it persists, check the Chatwoot server and its proxy.'
				: 'Check that the credential Base URL points at Chatwoot itself (the address you open Chatwoot at).';
		return { message: `Chatwoot answered ${statusCode} with ${what}`, hint };
	}
	if (statusCode === 401) return { message: words, hint: unauthorizedHint(words) };
	if (statusCode === 404) {
		return { message: words, hint: 'Check the Account and the Inbox: the inbox must belong to the chosen account.' };
	}
	if (statusCode === 400) {
		return { message: words, hint: 'Chatwoot could not read the request body. Check the attribute fields for unusual values.' };
	}
	if (statusCode === 422) {
		if (/param is missing.*contact email/.test(words)) {
			return { message: words, hint: 'The inbox is an Email inbox: it needs the contact to have an Email.' };
		}
		if (/param is missing.*contact phone number/.test(words)) {
			return {
				message: words,
				hint: 'The inbox is a WhatsApp or SMS inbox: it needs the contact to have a Phone Number in E.164 format.',
			};
		}
		const hints = offendingAttributes(body)
			.map((attribute) => ATTRIBUTE_HINTS[attribute]?.(words))
			.filter((hint): hint is string => Boolean(hint));
		return { message: words, hint: hints.join(' ') || 'Correct the fields Chatwoot names and run again.' };
	}
	if (statusCode >= 500) {
		return {
			message: words,
			hint: 'Chatwoot failed while creating the contact. Known causes: an inbox whose channel cannot take contacts this way (Facebook, Instagram, Telegram, Line, Twitter, TikTok), or a Source ID already used in an API or Website inbox.',
		};
	}
	return { message: words, hint: 'Check the fields of this item and run again.' };
}

/** One line on what Chatwoot (or a proxy in front of it) responded. */
export function summarizeResponse(response: ChatwootResponse): string {
	const { message } = describeResponse(response);
	return message.startsWith('Chatwoot answered') ? message : `Chatwoot answered ${response.statusCode}: ${message}`;
}

/** The longest text of a non-JSON body (a proxy's HTML page) that is kept in an error's details. */
const MAX_BODY_TEXT = 2000;

/** Chatwoot's response body as the error's details show it: its JSON, or the start of its text. */
export function bodyForDetails(body: unknown): IDataObject | IDataObject[] | string | undefined {
	if (typeof body === 'string') {
		const text = body.trim();
		if (!text) return undefined;
		return text.length > MAX_BODY_TEXT ? `${text.slice(0, MAX_BODY_TEXT)}… (${text.length} characters in all)` : text;
	}
	if (isPlainObject(body)) return body as IDataObject;
	if (Array.isArray(body)) return body as IDataObject[];
	return undefined;
}

/**
 * A NodeApiError built from Chatwoot's response alone, so nothing of the request (its token) travels
 * with it. The headline is Chatwoot's words (or `headline` when the node knows better), the
 * description the status, the fields named and a hint; the body itself is in the error's details
 * ("Error data", and "Full message" as n8n's HTTP errors show it). The item is n8n's to show: it is
 * in the error's context.
 */
export function chatwootApiError(
	node: INode,
	response: ChatwootResponse,
	itemIndex?: number,
	headline?: ErrorText,
): NodeApiError {
	const { message, hint } = headline ?? describeResponse(response);
	const attributes = offendingAttributes(response.body);
	const details = [`HTTP ${response.statusCode}`, attributes.length ? `Fields: ${attributes.join(', ')}` : undefined, hint].filter(Boolean);
	const body = bodyForDetails(response.body);
	const error = new NodeApiError(node, { statusCode: response.statusCode } as JsonObject, {
		message,
		description: details.join('. '),
		httpCode: String(response.statusCode),
		itemIndex,
	});
	if (body !== undefined) {
		error.context.data = body;
		error.messages = [`${response.statusCode} - ${typeof body === 'string' ? body : JSON.stringify(body)}`];
	}
	return error;
}
