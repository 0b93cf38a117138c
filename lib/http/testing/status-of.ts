/** For tests: the HTTP status a call fails with ("ok" when it succeeds, -1 for an error without one). */
export async function statusOf(run: () => Promise<unknown>): Promise<number | "ok"> {
  try {
    await run();
    return "ok";
  } catch (error) {
    return (error as { status?: number }).status ?? -1;
  }
}
