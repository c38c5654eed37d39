import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';
import { parseJsonObject } from '../helpers/attributes';
import type { AttributesError } from '../helpers/attributes';
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
		hint: 'Choose an account from the list, or give its ID (the number after /accounts/ in the Chatwoot address bar).',
	},
	inboxId: {
		label: 'Inbox',
		hint: 'Choose an inbox from the list, or give its ID (Settings → Inboxes in Chatwoot shows it in the address).',
	},
	contactId: {
		label: 'Contact ID',
		hint: "Give the contact's number: Chatwoot shows it in the contact's address (…/contacts/42) and as \"id\" in its data.",
	},
};

/** An account, inbox or contact ID, which goes into the request path: a positive whole number or an item error. */
export function readId(context: IExecuteFunctions, itemIndex: number, parameter: keyof typeof ID_PARAMETERS): number {
	const id = parsePositiveId(context.getNodeParameter(parameter, itemIndex));
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
