/**
 * `npm run bench`: runs every benchmark and prints one line per figure, then a JSON summary of all
 * figures as the last line. Node benchmarks are `bench/node/*.ts`; browser benchmarks are
 * `bench/browser/*.ts`, run against a production build served on localhost. Each module's default
 * export returns `{ figure_name: number }`. Figures depend on the machine: compare them with the
 * baselines measured in the same run, never across machines.
 */
import { spawn, execSync, type ChildProcess } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

type Figures = Record<string, number>
const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const PORT = 4174

const modulesIn = (dir: string) =>
  readdirSync(join(here, dir))
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => join(here, dir, f))

async function runModule(path: string, arg?: unknown): Promise<Figures> {
  const mod = (await import(pathToFileURL(path).href)) as {
    default: (arg?: unknown) => Promise<Figures>
  }
  const started = performance.now()
  const figures = await mod.default(arg)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  for (const [name, value] of Object.entries(figures))
    console.log(`${name}: ${value}  (${path.slice(root.length + 1)}, ${seconds} s)`)
  return figures
}

async function waitForServer(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`preview server did not start at ${url}`)
}

async function main() {
  const summary: Figures = {}
  for (const path of modulesIn('node')) Object.assign(summary, await runModule(path))

  const browserModules = modulesIn('browser')
  if (browserModules.length > 0) {
    execSync('npx vite build', { cwd: root, stdio: 'ignore' })
    let server: ChildProcess | null = null
    try {
      server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], {
        cwd: root,
        stdio: 'ignore',
        detached: true,
      })
      const baseUrl = `http://localhost:${PORT}`
      await waitForServer(baseUrl, 30_000)
      for (const path of browserModules) Object.assign(summary, await runModule(path, { baseUrl }))
    } finally {
      if (server?.pid) process.kill(-server.pid)
    }
  }
  console.log(JSON.stringify(summary))
}

await main()
