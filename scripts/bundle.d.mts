// Types for tests/production/bundle.test.ts; the implementation is plain ESM so `npm run build` runs it without compiling it.
export interface BundleMetafile {
  inputs: Record<string, { bytes: number }>;
  outputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>;
}
export declare const entries: Record<'index' | 'benchApp', string>;
export declare function bundle(opts?: { names?: Array<keyof typeof entries>; outDir?: string }): Promise<Record<string, BundleMetafile>>;
