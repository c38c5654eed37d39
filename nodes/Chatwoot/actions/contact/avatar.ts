import type { IBinaryData, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { MAX_AVATAR_BYTES, sniffAvatarType } from '../../helpers/avatar';
import { ByteBudget } from '../../helpers/byteBudget';
import type { FormFile } from '../../helpers/multipart';
import { inputError, readText } from '../itemInput';

export const avatarProperties: INodeProperties[] = [
	{
		displayName: 'Avatar',
		name: 'avatarSource',
		type: 'options',
		default: 'none',
		options: [
			{ name: 'None', value: 'none' },
			{
				name: 'From Binary Data',
				value: 'binary',
				description: "Upload a JPEG, PNG or GIF image (at most 15 MB) from the input item's binary data",
			},
			{
				name: 'From URL',
				value: 'url',
				description: 'Chatwoot downloads the image from this address after the contact is saved',
			},
		],
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { avatarSource: ['binary'] } },
		description: 'The name of the input binary field that holds the image',
	},
	{
		displayName: 'With an avatar file, attribute values reach Chatwoot as text ("5", "true"); use an avatar URL to keep JSON types.',
		name: 'formUploadNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { avatarSource: ['binary'] } },
	},
	{
		displayName: 'Avatar URL',
		name: 'avatarUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/avatar.png',
		displayOptions: { show: { avatarSource: ['url'] } },
		description: 'An http(s) address of a JPEG, PNG or GIF image',
	},
];

export type AvatarSource = 'none' | 'binary' | 'url';

export function readAvatarSource(context: IExecuteFunctions, itemIndex: number): AvatarSource {
	return context.getNodeParameter('avatarSource', itemIndex, 'none') as AvatarSource;
}

export function readAvatarUrl(context: IExecuteFunctions, itemIndex: number): string {
	const url = readText(context.getNodeParameter('avatarUrl', itemIndex, ''));
	// Chatwoot's avatar job ignores anything but http(s) URLs without telling anyone.
	if (!/^https?:\/\/[^\s/]+/i.test(url)) {
		throw inputError(
			context,
			itemIndex,
			'Avatar URL must be an http(s) address',
			`It is "${url}". Give the full address of a JPEG, PNG or GIF image, e.g. https://example.com/avatar.png.`,
		);
	}
	return url;
}

export interface AvatarFile extends FormFile {
	field: 'avatar';
}

/**
 * Avatar files held in memory at once across the items in flight: room for the largest file
 * Chatwoot takes (15 MB), or three typical 5 MB photos.
 */
const AVATAR_BYTES_IN_FLIGHT = 16 * 1024 * 1024;

/**
 * The avatar's size before it is read: n8n records it for stored binaries; an inline one is base64
 * text in the item. Unknown sizes count as the largest file Chatwoot takes.
 */
function declaredSize(binary: IBinaryData): number {
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (!binary.id) return Math.floor((binary.data.length * 3) / 4);
	return MAX_AVATAR_BYTES;
}

/**
 * Reads avatar files from the items' binary data for one run. A file is read only once the run's
 * byte budget has room for it, so however many requests are in flight, only a bounded amount of
 * file data is in memory; the caller gives the bytes back with `release` when its request is done.
 */
export class AvatarFileReader {
	private readonly budget = new ByteBudget(AVATAR_BYTES_IN_FLIGHT);

	constructor(private readonly context: IExecuteFunctions) {}

	async read(itemIndex: number): Promise<{ file: AvatarFile; release: () => void }> {
		const context = this.context;
		const property = readText(context.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
		const binary = context.getInputData()[itemIndex].binary?.[property];
		if (!binary) {
			throw inputError(
				context,
				itemIndex,
				`Input Binary Field "${property}" is missing on this item`,
				'Set Input Binary Field to the name of the binary field holding the image (the binary tab of the input shows the names), or choose another Avatar source.',
			);
		}
		const size = declaredSize(binary);
		if (size > MAX_AVATAR_BYTES) throw this.tooBig(itemIndex, property, size);
		const release = await this.budget.acquire(size);
		let file: AvatarFile | undefined;
		try {
			file = await this.load(itemIndex, property, binary);
		} finally {
			if (!file) release();
		}
		return { file, release };
	}

	private async load(itemIndex: number, property: string, binary: IBinaryData): Promise<AvatarFile> {
		const bytes = await this.context.helpers.getBinaryDataBuffer(itemIndex, property);
		if (bytes.length > MAX_AVATAR_BYTES) throw this.tooBig(itemIndex, property, bytes.length);
		const contentType = sniffAvatarType(bytes);
		if (!contentType) {
			throw inputError(
				this.context,
				itemIndex,
				`The avatar in "${property}" is not a JPEG, PNG or GIF image`,
				`Its content does not start like any of them (declared type: ${binary.mimeType || 'none'}). Chatwoot checks the bytes, not the declared type.`,
			);
		}
		const extension = contentType.split('/')[1].replace('jpeg', 'jpg');
		return { field: 'avatar', filename: binary.fileName || `avatar.${extension}`, contentType, bytes };
	}

	private tooBig(itemIndex: number, property: string, size: number) {
		return inputError(
			this.context,
			itemIndex,
			`The avatar in "${property}" is too big`,
			`It has ${size} bytes; Chatwoot takes at most ${MAX_AVATAR_BYTES} bytes (15 MB).`,
		);
	}
}
