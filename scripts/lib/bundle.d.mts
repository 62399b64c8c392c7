/** scripts/lib/bundle.mjs (plain JavaScript, so scripts/launch.mjs can use it without tsx). */
export declare function bundleEntry(entry: string, outdir: string): Promise<string>;
