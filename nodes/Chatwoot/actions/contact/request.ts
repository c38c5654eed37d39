import type { IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { encodeMultipart, toRailsFormFields } from '../../helpers/multipart';
import type { FormEncodingError, FormField } from '../../helpers/multipart';
import type { ChatwootRequest } from '../../transport';
import { inputError } from '../itemInput';
import { readAvatarSource, readAvatarUrl } from './avatar';
import type { AvatarFile, AvatarFileReader } from './avatar';
import type { ContactFields } from './fields';

function formFieldsOf(context: IExecuteFunctions, itemIndex: number, fields: Partial<ContactFields>): FormField[] {
	try {
		return Object.entries(fields).flatMap(([key, value]) => toRailsFormFields(key, value));
	} catch (error) {
		throw inputError(
			context,
			itemIndex,
			`Cannot upload the avatar file with these attributes: ${(error as FormEncodingError).message}`,
			'A file upload sends the contact as a form, which carries text only. Remove that value, or give the avatar as a URL to keep JSON.',
		);
	}
}

const nothingToRelease = () => undefined;

/** The item's avatar as it is sent: a file (which makes the request a form), a URL, or none. */
export type ContactAvatar = { file: AvatarFile } | { url: string } | undefined;

/**
 * Reads the item's avatar once, however many requests carry it. A file is read only once the fields
 * are known to fit in a form, and `release` gives its bytes back to the run's budget.
 */
export async function readContactAvatar(
	context: IExecuteFunctions,
	itemIndex: number,
	avatars: AvatarFileReader,
	fields: ContactFields,
): Promise<{ avatar: ContactAvatar; release: () => void }> {
	const avatarSource = readAvatarSource(context, itemIndex);
	if (avatarSource === 'binary') {
		formFieldsOf(context, itemIndex, fields);
		const { file, release } = await avatars.read(itemIndex);
		return { avatar: { file }, release };
	}
	if (avatarSource === 'url') return { avatar: { url: readAvatarUrl(context, itemIndex) }, release: nothingToRelease };
	return { avatar: undefined, release: nothingToRelease };
}

/** The request that writes a contact: JSON, or with an avatar file a multipart form (Chatwoot takes the file only that way). */
export function contactRequest(
	context: IExecuteFunctions,
	itemIndex: number,
	target: { method: IHttpRequestMethods; path: string },
	fields: Partial<ContactFields>,
	avatar: ContactAvatar,
): ChatwootRequest {
	if (avatar && 'file' in avatar) {
		const { body, contentType } = encodeMultipart(formFieldsOf(context, itemIndex, fields), avatar.file);
		return { ...target, body, contentType };
	}
	return { ...target, body: avatar ? { ...fields, avatar_url: avatar.url } : { ...fields } };
}

/** Reads the avatar and builds the one request that writes the contact; `release` once it is done. */
export async function buildContactRequest(
	context: IExecuteFunctions,
	itemIndex: number,
	avatars: AvatarFileReader,
	target: { method: IHttpRequestMethods; path: string },
	fields: ContactFields,
): Promise<{ request: ChatwootRequest; release: () => void }> {
	const { avatar, release } = await readContactAvatar(context, itemIndex, avatars, fields);
	return { request: contactRequest(context, itemIndex, target, fields, avatar), release };
}
