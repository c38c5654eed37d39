/** Contact queries shared by index, search and filter (contacts_controller.rb, app/models/contact.rb). */
import type { ParamValue } from '../http/rackParams';
import type { ContactRecord } from './contactStore';

/** Contact.resolved_contacts without crm_v2: a non-empty email, phone number or identifier. */
export function isResolved(contact: ContactRecord): boolean {
	return [contact.email, contact.phone_number, contact.identifier].some((value) => value !== null && value !== '');
}

type SortValue = string | number | null;

const SORTABLE: Record<string, (contact: ContactRecord) => SortValue> = {
	name: (contact) => contact.name,
	email: (contact) => contact.email,
	phone_number: (contact) => contact.phone_number,
	created_at: (contact) => contact.created_at,
	last_activity_at: () => null,
	company: (contact) => stringAttribute(contact, 'company_name'),
	city: (contact) => stringAttribute(contact, 'city'),
	country: (contact) => stringAttribute(contact, 'country'),
};

function stringAttribute(contact: ContactRecord, key: string): string | null {
	const value = contact.additional_attributes[key];
	return typeof value === 'string' ? value : null;
}

/** PostgreSQL ordering: NULLS LAST ascending, NULLS FIRST descending. */
function compareSortValues(a: SortValue, b: SortValue): number {
	if (a === b) return 0;
	if (a === null) return 1;
	if (b === null) return -1;
	return a < b ? -1 : 1;
}

/** The Sift `sort` param (`name`, `-created_at`, ...); without it, rows come in insertion order. */
export function sortContacts(contacts: ContactRecord[], sortParam: ParamValue | undefined): ContactRecord[] {
	if (typeof sortParam !== 'string') return contacts;
	const descending = sortParam.startsWith('-');
	const valueOf = SORTABLE[descending ? sortParam.slice(1) : sortParam];
	if (!valueOf) return contacts;
	const direction = descending ? -1 : 1;
	return [...contacts].sort((a, b) => direction * compareSortValues(valueOf(a), valueOf(b)) || a.id - b.id);
}
