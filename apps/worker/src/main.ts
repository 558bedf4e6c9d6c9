import { createContainer } from "./container";
import { EnvError, readEnv } from "./env";
import { createLogger } from "./logger";

function exitOnEnvError(error: unknown): never {
  if (error instanceof EnvError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

function loadEnv() {
  try {
    return readEnv();
  } catch (error) {
    exitOnEnvError(error);
  }
}

const env = loadEnv();
const logger = createLogger(env.logLevel);
const container = await createContainer(env, logger).catch(exitOnEnvError);
logger.info({ smtp: env.smtpUrl !== undefined }, "worker started");

process.on("unhandledRejection", (err) => logger.error({ err }, "unhandled rejection"));

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) {
    logger.warn({ signal }, "second signal: exiting without waiting for running jobs");
    process.exit(1);
  }
  stopping = true;
  logger.info({ signal }, "stopping: no new jobs, waiting for running ones");
  try {
    const unclosed = await container.close();
    if (unclosed.length === 0) {
      logger.info({}, "worker stopped");
      process.exit(0);
    }
    // jobs still running are left active in Redis: the next worker finds them stalled and runs them again
    logger.error({ unclosed }, `worker stopped without closing: ${unclosed.join(", ")} (unreachable?)`);
    process.exit(1);
  } catch (err) {
    logger.error({ err }, "worker did not stop cleanly");
    process.exit(1);
  }
}

process.on("SIGTERM", (signal) => void shutdown(signal));
process.on("SIGINT", (signal) => void shutdown(signal));
