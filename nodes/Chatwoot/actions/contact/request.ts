import type { IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { encodeMultipart, toRailsFormFields } from '../../helpers/multipart';
import type { FormEncodingError, FormField } from '../../helpers/multipart';
import type { ChatwootRequest } from '../../transport';
import { inputError } from '../itemInput';
import { readAvatarSource, readAvatarUrl } from './avatar';
import type { AvatarFileReader } from './avatar';
import type { ContactFields } from './fields';

function formFieldsOf(context: IExecuteFunctions, itemIndex: number, fields: ContactFields): FormField[] {
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

/**
 * The request that writes a contact: JSON, or with an avatar file a multipart form (Chatwoot takes
 * the file only that way). `release` gives the avatar's bytes back to the run's budget once the
 * request is done.
 */
export async function buildContactRequest(
	context: IExecuteFunctions,
	itemIndex: number,
	avatars: AvatarFileReader,
	target: { method: IHttpRequestMethods; path: string },
	fields: ContactFields,
): Promise<{ request: ChatwootRequest; release: () => void }> {
	const avatarSource = readAvatarSource(context, itemIndex);
	if (avatarSource === 'binary') {
		const formFields = formFieldsOf(context, itemIndex, fields);
		const { file, release } = await avatars.read(itemIndex);
		const { body, contentType } = encodeMultipart(formFields, file);
		return { request: { ...target, body, contentType }, release };
	}
	const body = avatarSource === 'url' ? { ...fields, avatar_url: readAvatarUrl(context, itemIndex) } : fields;
	return { request: { ...target, body }, release: nothingToRelease };
}
