// Where `npm run build` puts the Remix server build, which `npm run serve` serves.
import path from "node:path";

export const BUILD_PATH = path.resolve("build/server/index.js");

export function noBuild(): never {
  console.error(`No server build at ${BUILD_PATH}. Run "npm run build" first (npm start does it for you).`);
  process.exit(1);
}
