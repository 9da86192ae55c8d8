/**
 * Runs a CLI's main function and exits with its status; an unexpected error becomes a
 * one-line message and status 1, never a stack trace as the only output.
 */
export function runMain(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`error: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
