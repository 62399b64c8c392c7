// The workers' Node flags (scripts/lib/cluster.ts): the primary's own, without the tsx loader when they run the
// bundled JavaScript entry, and with the small young generation that keeps each worker's memory down.
import { describe, expect, it } from "vitest";
import { WORKER_NODE_FLAGS, withTsxLoader, workerExecArgv } from "../../scripts/lib/cluster";

describe("the workers' Node flags", () => {
  it("drop the tsx loader, in either spelling, for the bundled entry and keep the rest", () => {
    expect(workerExecArgv(["--enable-source-maps", "--import", "tsx"], true)).toEqual(["--enable-source-maps", ...WORKER_NODE_FLAGS]);
    expect(workerExecArgv(["--import=tsx", "--cpu-prof"], true)).toEqual(["--cpu-prof", ...WORKER_NODE_FLAGS]);
    expect(workerExecArgv(["--import", "./other-hook.mjs"], true)).toEqual(["--import", "./other-hook.mjs", ...WORKER_NODE_FLAGS]);
  });

  it("keep the tsx loader when there is no bundle (the workers run serve.ts)", () => {
    expect(workerExecArgv(["--import", "tsx"], false)).toEqual(["--import", "tsx", ...WORKER_NODE_FLAGS]);
  });

  it("add the tsx loader when there is no bundle and the primary runs without it (scripts/launch.mjs)", () => {
    expect(workerExecArgv(["--max-old-space-size=256"], false)).toEqual(["--import", "tsx", ...WORKER_NODE_FLAGS]);
  });
});

describe("a child that runs a .ts source (the preparation child)", () => {
  it("gets the tsx loader once, whatever this process was started with", () => {
    expect(withTsxLoader(["--max-old-space-size=256"])).toEqual(["--max-old-space-size=256", "--import", "tsx"]);
    expect(withTsxLoader(["--import", "tsx"])).toEqual(["--import", "tsx"]);
    expect(withTsxLoader(["--import=tsx"])).toEqual(["--import=tsx"]);
  });

  it("set the heap sizes once, whatever the primary was given (npm run serve's --max-old-space-size=256)", () => {
    expect(workerExecArgv(["--max-semi-space-size=16", "--max-old-space-size=256"], true)).toEqual(WORKER_NODE_FLAGS);
    expect(WORKER_NODE_FLAGS).toEqual(["--max-semi-space-size=2", "--max-old-space-size=128"]);
  });
});
