import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';
import { instanceRootExpression } from '../nodes/Chatwoot/helpers/baseUrl';

export class ChatwootApi implements ICredentialType {
	name = 'chatwootApi';

	displayName = 'Chatwoot API';

	icon: Icon = { light: 'file:../nodes/Chatwoot/chatwoot.svg', dark: 'file:../nodes/Chatwoot/chatwoot.dark.svg' };

	documentationUrl = 'https://www.chatwoot.com/developers/api/';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://chat.example.com',
			description:
				'The address you open Chatwoot at. A pasted dashboard or API address (…/app/accounts/1/dashboard, …/api/v1) is reduced to it; a sub-path such as https://example.com/chatwoot is kept.',
		},
		{
			displayName: 'API Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"A user's token from Chatwoot's Profile Settings → Access Token. Agent-bot and platform-app tokens cannot create contacts.",
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the SSL certificate cannot be verified, for self-hosted instances with their own certificate authority',
		},
	];

	// Chatwoot reads `api_access_token` and `api-access-token` alike (Rack maps both to
	// HTTP_API_ACCESS_TOKEN), but nginx's default `underscores_in_headers off` silently drops the
	// underscore form in front of self-hosted instances, after which Chatwoot answers 401. The
	// dash form survives every proxy. Only one of the two may be sent: Puma drops the underscore
	// variant when both are present.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'Api-Access-Token': '={{$credentials.accessToken}}',
			},
		},
	};

	// GET /api/v1/profile validates the token itself; GET /api answers 200 to any token.
	test: ICredentialTestRequest = {
		request: {
			baseURL: instanceRootExpression('baseUrl'),
			url: '/api/v1/profile',
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						"Chatwoot rejected the token. Use a user's API access token from Profile Settings → Access Token: agent-bot and platform-app tokens are refused for contacts, and a token of a deleted user no longer works.",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No Chatwoot API at this Base URL. Use the address you open Chatwoot at, for example https://chat.example.com',
				},
			},
		],
	};
}
