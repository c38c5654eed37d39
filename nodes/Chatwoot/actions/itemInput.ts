import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';
import { parseJsonObject } from '../helpers/attributes';
import type { AttributesError } from '../helpers/attributes';
import { inboxIdFromUrl } from '../helpers/chatwootUrls';
import { parsePositiveId } from '../helpers/ids';

/** An item's input cannot be sent as it is: nothing is sent for this item. */
export function inputError(context: IExecuteFunctions, itemIndex: number, message: string, description: string) {
	return new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

/** A text parameter as it is sent: trimmed; numbers (from expressions) as their text; anything else empty. */
export const readText = (value: unknown) =>
	typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';

const ID_PARAMETERS = {
	accountId: {
		label: 'Account',
		hint: 'Choose an account from the list, paste its Chatwoot address (…/app/accounts/1/…), or give its ID (the number after /accounts/ in the address).',
		locator: true,
	},
	inboxId: {
		label: 'Inbox',
		hint: 'Choose an inbox from the list, paste its address from Settings → Inboxes in Chatwoot (…/settings/inboxes/3), or give its ID.',
		locator: true,
	},
	contactId: {
		label: 'Contact ID',
		hint: "Give the contact's number: Chatwoot shows it in the contact's address (…/contacts/42) and as \"id\" in its data.",
		locator: false,
	},
};

/** n8n's words when a By URL value does not match the mode's regex (n8n-core extract-value). */
const NOT_AN_ADDRESS = /URL entered is incorrect|parameter's value is invalid/;

/**
 * A parameter's value; for Account and Inbox the ID in the locator (from the list, by URL, by ID),
 * or the bare ID a workflow saved before they were locators holds, which n8n passes on as it is.
 */
function readIdValue(context: IExecuteFunctions, itemIndex: number, parameter: keyof typeof ID_PARAMETERS): unknown {
	const { label, hint, locator } = ID_PARAMETERS[parameter];
	if (!locator) return context.getNodeParameter(parameter, itemIndex);
	let failure: Error;
	try {
		return context.getNodeParameter(parameter, itemIndex, undefined, { extractValue: true });
	} catch (error) {
		failure = error as Error;
	}
	// Anything else (an expression that fails) is n8n's own error, passed on as it is.
	if (!NOT_AN_ADDRESS.test(failure.message)) throw failure;
	throw inputError(context, itemIndex, `${label} URL is not a Chatwoot ${label.toLowerCase()} address`, hint);
}

/** An account, inbox or contact ID, which goes into the request path: a positive whole number or an item error. */
export function readId(context: IExecuteFunctions, itemIndex: number, parameter: keyof typeof ID_PARAMETERS): number {
	const id = parsePositiveId(readIdValue(context, itemIndex, parameter));
	if (id === undefined) {
		const { label, hint } = ID_PARAMETERS[parameter];
		throw inputError(context, itemIndex, `${label} must be a positive whole number`, hint);
	}
	return id;
}

/** A JSON-object parameter (typed JSON or an expression's object), or an item error naming it. */
export function readJsonObject(context: IExecuteFunctions, itemIndex: number, value: unknown, label: string) {
	try {
		return parseJsonObject(value, label);
	} catch (error) {
		throw inputError(context, itemIndex, (error as AttributesError).message, (error as AttributesError).description);
	}
}

/**
 * An inbox pasted By URL names its account too: one of another account than the chosen Account is
 * refused before anything is sent (Chatwoot would answer 404). Read unevaluated, so this costs no
 * expression evaluation; an expression is left to Chatwoot's check.
 */
export function assertInboxOfAccount(context: IExecuteFunctions, itemIndex: number, accountId: number): void {
	const raw = context.getNodeParameter('inboxId', itemIndex, undefined, { rawExpressions: true }) as unknown;
	if (typeof raw !== 'object' || raw === null) return;
	const { mode, value } = raw as { mode?: unknown; value?: unknown };
	if (mode !== 'url' || typeof value !== 'string' || value.startsWith('=')) return;
	const ids = inboxIdFromUrl(value);
	if (ids && Number(ids.accountId) !== accountId) {
		throw inputError(
			context,
			itemIndex,
			`The Inbox URL is of account ${ids.accountId}, not of the chosen Account (${accountId})`,
			`Choose the inbox from the list, which shows the chosen account's inboxes, or paste the address of one of them (…/app/accounts/${accountId}/settings/inboxes/…).`,
		);
	}
}
