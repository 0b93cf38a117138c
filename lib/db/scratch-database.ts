import postgres from "postgres";

/**
 * A new PostgreSQL database for a test that must commit (backups, crashes), made at the server of
 * `url` from the template TEST_TEMPLATE_DATABASE (PostGIS already in it; .ci/run makes it and lets
 * the test role create databases). Returns its URL and a `drop` for the end of the test.
 */
export async function createScratchDatabase(url: string, label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const template = process.env.TEST_TEMPLATE_DATABASE ?? "grid_atlas_ci_template";
  const name = `grid_atlas_scratch_${label}_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // PostgreSQL refuses to copy a template while another session is on it (55006), which
    // happens for a moment when test processes make scratch databases at once: try again.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.unsafe(`create database "${name}" template "${template}"`);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== "55006" || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      }
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    drop: async () => {
      const again = postgres(url, { max: 1, onnotice: () => {} });
      try {
        // WITH (FORCE) may not end an autovacuum worker busy on the scratch database (it runs as
        // another role: 42501); it finishes soon, so try again for a while, then leave the
        // database for the next run's clean-up rather than fail a test that passed.
        for (let attempt = 1; ; attempt++) {
          try {
            await again.unsafe(`drop database if exists "${name}" with (force)`);
            break;
          } catch (error) {
            const code = (error as { code?: string }).code;
            if ((code !== "42501" && code !== "55006") || attempt >= 40) {
              if (code === "42501" || code === "55006") console.warn(`scratch database ${name} left behind: ${(error as Error).message}`);
              else throw error;
              break;
            }
            await new Promise((r) => setTimeout(r, 500));
          }
        }
      } finally {
        await again.end({ timeout: 5 });
      }
    },
  };
}
