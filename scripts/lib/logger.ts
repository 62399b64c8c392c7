// The server's structured log (pino, JSON lines on stdout): the request log (request-log.ts), the lifecycle and the
// cluster primary, which imports only this.
import pino, { type DestinationStream, type Logger } from "pino";

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, timestamp: pino.stdTimeFunctions.isoTime, base: { pid: process.pid } }, destination);
}
