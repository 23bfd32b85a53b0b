import { networkInterfaces } from 'node:os';
import { startServer } from './app';
import { loadConfig } from './config';

/**
 * `npm start -w server`: configuration from the environment, then the organiser URL printed
 * the way Jupyter prints its token URL. SIGTERM/SIGINT shut down gracefully within the grace
 * period (exit 0); an unhandled rejection is logged, never fatal.
 */
function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry && entry.family === 'IPv4' && !entry.internal)
    .map((entry) => entry!.address);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  const base = config.publicUrl ?? server.url;
  const organiserUrl = `${base}/organiser#key=${server.organiserKey}`;
  const lines = [
    '',
    '  ISMS Workshop Board is running.',
    '',
    `  Open the organiser console (keep this link private):`,
    `      ${organiserUrl}`,
  ];
  // The key lives in a file only when the server made it (ORGANISER_KEY unset).
  if (!config.organiserKey) {
    lines.push(
      `  or open ${base}/organiser and paste the key from ${config.dataDir}/organiser-key`,
    );
  }
  if (!config.publicUrl) {
    for (const address of lanAddresses())
      lines.push(`  On the venue network: http://${address}:${server.port}`);
  }
  console.log(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n  ${signal}: shutting down…`);
    const deadline = setTimeout(() => process.exit(0), config.timings.shutdownGraceMs);
    deadline.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

process.on('unhandledRejection', (reason) => {
  console.error('unhandled rejection (kept running):', reason);
});

main().catch((error: unknown) => {
  console.error('failed to start:', error);
  process.exit(1);
});
