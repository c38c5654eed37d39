import type { IncomingHttpHeaders } from 'node:http';
import { authenticateUser, resolveAccount, type AccountScope } from './authentication';
import { own, type ParamHash, type ParamValue } from '../http/rackParams';
import { fail, replies, type Reply } from '../http/reply';
import { isPresent, rubyToI } from '../domain/ruby';
import type { AccountCatalog } from '../domain/accountCatalog';
import type { ContactRecord, ContactStore } from '../domain/contactStore';

export interface HandlerContext {
	pathParams: Record<string, string>;
	/** Rails `params`: query string merged with the parsed body. */
	params: ParamHash;
	headers: IncomingHttpHeaders;
	baseUrl: string;
	store: ContactStore;
	/** Labels and custom attribute definitions of the accounts. */
	catalog: AccountCatalog;
	onContactCreated(): void;
}

export type Handler = (context: HandlerContext) => Reply;
export type ScopedHandler = (context: HandlerContext, scope: AccountScope) => Reply;

/** Api::V1::Accounts::BaseController: authenticate, then resolve the account from the path. */
export function accountScoped(handler: ScopedHandler): Handler {
	return (context) => {
		const user = authenticateUser(context.headers);
		return handler(context, resolveAccount(user, context.pathParams.accountId));
	};
}

export function param(context: HandlerContext, key: string): ParamValue | undefined {
	return own(context.params, key);
}

/**
 * contacts_controller#fetch_contact (`Current.account.contacts.find(params[:id])`) and
 * contacts/base_controller.rb#ensure_contact (the same with `params[:contact_id]`).
 */
export function findContactOr404(context: HandlerContext, scope: AccountScope): ContactRecord {
	const contact = context.store.find(scope.account.id, rubyToI(context.pathParams.contactId));
	return contact ?? fail(replies.resourceNotFound());
}

/** How `find(value)` casts a record id param: ActiveRecord's integer cast (`"12abc"` -> 12). */
export function castRecordId(value: ParamValue | undefined): number {
	if (typeof value === 'number') return Math.trunc(value);
	if (typeof value === 'string') return rubyToI(value);
	return value === true ? 1 : 0;
}

/** `params[:include_contact_inboxes].present? ? params[:include_contact_inboxes] == 'true' : true`. */
export function includeContactInboxes(context: HandlerContext): boolean {
	const value = param(context, 'include_contact_inboxes');
	return isPresent(value) ? value === 'true' : true;
}

/** `@current_page = params[:page] || 1`, echoed back as sent (a string) or as the integer 1. */
export function currentPage(context: HandlerContext): ParamValue {
	const page = param(context, 'page');
	return page === undefined || page === null ? 1 : page;
}

export const RESULTS_PER_PAGE = 15;

/** Kaminari `page(n).per(15)`: n is cast with to_i and anything below 1 is the first page. */
export function pageSlice<T>(rows: T[], page: ParamValue, perPage = RESULTS_PER_PAGE, extra = 0): T[] {
	const number = typeof page === 'number' ? Math.trunc(page) : typeof page === 'string' ? rubyToI(page) : 1;
	const offset = Math.max(number - 1, 0) * perPage;
	return rows.slice(offset, offset + perPage + extra);
}
