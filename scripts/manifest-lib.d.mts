// Types for tests/manifest.test.ts; the implementation is plain ESM so `npm run package` needs no build step.
export declare const projectRoot: string;
export declare const manifestDir: string;
export declare const PLACEHOLDER_BOT_ID: string;
export declare const DEFAULT_TEAMS_APP_ID: string;
export declare const DEFAULT_BOT_NAME: string;
export declare const PLACEHOLDER_URL: string;

export declare class PackageError extends Error {
  constructor(lines: string[]);
  readonly lines: string[];
}

export type Env = Record<string, string | undefined>;
export type IconKind = 'color' | 'outline';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface PackageValues {
  BOT_ID: string;
  TEAMS_APP_ID: string;
  BOT_NAME: string;
  APP_VERSION: string;
  APP_DEVELOPER_NAME: string;
  APP_WEBSITE_URL: string;
  APP_PRIVACY_URL: string;
  APP_TERMS_URL: string;
}

export declare function parsePackageEnv(env: Env): {
  values: PackageValues;
  botName: string | undefined;
  validDomains: string[];
  warnings: string[];
};
export declare function fillTemplate(template: Json, values: Record<string, string>): Json;
export declare function schemaVersionOf(manifest: Json): string | undefined;
export declare function bundledSchemaVersions(): string[];
export declare function validateManifest(manifest: Json): string[];
export declare function validateLocalization(localization: Json, version: string): string[];
export declare function checkIcon(png: Buffer, kind: IconKind): string[];
export declare function buildPackageFiles(env: Env, dir?: string): { manifest: Json; files: Map<string, Buffer>; warnings: string[] };
export declare function writeAppPackage(options: { env: Env; outDir?: string; dir?: string }): Promise<{
  zipPath: string;
  manifest: Json;
  entries: string[];
  warnings: string[];
}>;
