import { createHash, randomBytes } from 'node:crypto';
import { TagTable } from './tagList';
import type { ContactInboxRef, StoredContact, UploadedFileSummary } from '../types';

export interface AvatarBlob extends UploadedFileSummary {
	/** Key in the representation URL; the simulator serves the bytes under it. */
	key: string;
	bytes: Buffer;
}

/**
 * A contact row as the simulator keeps it: what tests see, plus the avatar's bytes; `blocked` may be
 * null only on an unsaved draft.
 */
export interface ContactRecord extends Omit<StoredContact, 'blocked' | 'avatar'> {
	blocked: boolean | null;
	avatar?: AvatarBlob;
}

export function newAvatarBlob(filename: string, contentType: string, bytes: Buffer): AvatarBlob {
	return {
		key: randomBytes(18).toString('base64url'),
		filename,
		contentType,
		size: bytes.length,
		sha256: createHash('sha256').update(bytes).digest('hex'),
		bytes,
	};
}

function summary(blob: AvatarBlob): UploadedFileSummary {
	return { filename: blob.filename, contentType: blob.contentType, size: blob.size, sha256: blob.sha256 };
}

export function toStoredContact(record: ContactRecord): StoredContact {
	const stored: StoredContact = {
		accountId: record.accountId,
		id: record.id,
		name: record.name,
		email: record.email,
		phone_number: record.phone_number,
		identifier: record.identifier,
		blocked: record.blocked === true,
		additional_attributes: structuredClone(record.additional_attributes),
		custom_attributes: structuredClone(record.custom_attributes),
		created_at: record.created_at,
		contact_inboxes: record.contact_inboxes.map((ref) => ({ ...ref })),
		labels: [...record.labels],
	};
	if (record.avatar) stored.avatar = summary(record.avatar);
	if (record.avatar_url_requested !== undefined) stored.avatar_url_requested = record.avatar_url_requested;
	return stored;
}

/** In-memory contacts table. Ids come from one global sequence that, like PostgreSQL's, is not rolled back. */
export class ContactStore {
	private rows: ContactRecord[] = [];
	private lastId = 0;
	/** Tag names are global, like the tags table. */
	readonly tags = new TagTable();

	nextId(): number {
		this.lastId += 1;
		return this.lastId;
	}

	insert(record: ContactRecord): void {
		this.rows.push(record);
	}

	inAccount(accountId: number): ContactRecord[] {
		return this.rows.filter((row) => row.accountId === accountId);
	}

	all(): ContactRecord[] {
		return [...this.rows];
	}

	find(accountId: number, id: number): ContactRecord | undefined {
		return this.rows.find((row) => row.accountId === accountId && row.id === id);
	}

	/** The contact_inbox with this `(inbox_id, source_id)` (unique index), whoever owns it. */
	contactInboxOwner(inboxId: number, sourceId: string): { owner: ContactRecord; ref: ContactInboxRef } | undefined {
		for (const owner of this.rows) {
			const ref = owner.contact_inboxes.find((item) => item.inbox_id === inboxId && item.source_id === sourceId);
			if (ref) return { owner, ref };
		}
		return undefined;
	}

	avatarBlob(key: string): AvatarBlob | undefined {
		return this.rows.find((row) => row.avatar?.key === key)?.avatar;
	}

	clear(): void {
		this.rows = [];
		this.lastId = 0;
		this.tags.clear();
	}
}
