/** Contact queries shared by index, search and filter (contacts_controller.rb, app/models/contact.rb). */
import type { ParamValue } from '../http/rackParams';
import type { ContactRecord } from './contactStore';

/** Contact.resolved_contacts without crm_v2: a non-empty email, phone number or identifier. */
export function isResolved(contact: ContactRecord): boolean {
	return [contact.email, contact.phone_number, contact.identifier].some((value) => value !== null && value !== '');
}

type SortValue = string | number | null;

interface SortKey {
	valueOf(contact: ContactRecord): SortValue;
	/** The scope orders `<direction> NULLS LAST`; plain columns use PostgreSQL's default (nulls count as largest). */
	nullsLast: boolean;
}

function stringAttribute(contact: ContactRecord, key: string): string | null {
	const value = contact.additional_attributes[key];
	return typeof value === 'string' ? value : null;
}

/** The `sort_on` declarations of contacts_controller.rb and the order scopes of app/models/contact.rb. */
const SORTABLE: Record<string, SortKey> = {
	// order_on_name: LOWER(name) (its two CASE patterns are literal ILIKE strings that match nothing useful).
	name: { valueOf: (contact) => contact.name?.toLowerCase() ?? null, nullsLast: false },
	email: { valueOf: (contact) => contact.email, nullsLast: false },
	phone_number: { valueOf: (contact) => contact.phone_number, nullsLast: false },
	created_at: { valueOf: (contact) => contact.created_at, nullsLast: true },
	last_activity_at: { valueOf: () => null, nullsLast: true },
	company_name: { valueOf: (contact) => stringAttribute(contact, 'company_name'), nullsLast: true },
	city: { valueOf: (contact) => stringAttribute(contact, 'city'), nullsLast: true },
	country: { valueOf: (contact) => stringAttribute(contact, 'country'), nullsLast: true },
};

function compareValues(a: string | number, b: string | number): number {
	return a === b ? 0 : a < b ? -1 : 1;
}

/** The Sift `sort` param (`name`, `-created_at`, ...); without it, rows come in insertion order. */
export function sortContacts(contacts: ContactRecord[], sortParam: ParamValue | undefined): ContactRecord[] {
	if (typeof sortParam !== 'string') return contacts;
	const descending = sortParam.startsWith('-');
	const name = descending ? sortParam.slice(1) : sortParam;
	if (!Object.prototype.hasOwnProperty.call(SORTABLE, name)) return contacts;
	const { valueOf, nullsLast } = SORTABLE[name];
	const direction = descending ? -1 : 1;
	const compare = (a: SortValue, b: SortValue): number => {
		if (a === null || b === null) {
			if (a === b) return 0;
			const nullAfter = nullsLast ? 1 : direction;
			return a === null ? nullAfter : -nullAfter;
		}
		return direction * compareValues(a, b);
	};
	return [...contacts].sort((a, b) => compare(valueOf(a), valueOf(b)) || a.id - b.id);
}
