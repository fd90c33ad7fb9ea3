/**
 * The IO lab's measurement worker (module worker, started by src/components/iolab/
 * measurementClient.ts). It runs a plan task by task, posting progress before each task and each
 * result after it, and checks for cancellation between tasks: the event loop gets a turn there, so
 * a `cancel` message is seen within one task. Scratch files live in `/kafkascope-iolab/<run>/`
 * in OPFS and are deleted after each task; leftovers of an interrupted run are removed at the
 * next start.
 *
 * Runs one plan at a time; a `run` that arrives during another run cancels the first.
 */
import { initCodecs } from '../../core/log/compression'
import { planTasks, type IoLabReply, type IoLabRequest, type MeasurementPlan } from '../../core/io'
import type { FileIo } from './fileIo'
import { measureTask, needsFiles, type ScratchFiles } from './ioLabMeasurements'
import {
  childDirectory,
  isOpfsSyncAvailable,
  opfsRoot,
  type OpfsDirectoryHandle,
} from './opfsTypes'

const SCRATCH_ROOT = 'kafkascope-iolab'

interface Run {
  readonly runId: number
  cancelled: boolean
}

/** Runs started and not yet ended, the one measuring first. */
const runsById = new Map<number, Run>()
let queue: Promise<void> = Promise.resolve()

function post(reply: IoLabReply): void {
  postMessage(reply)
}

/** One macrotask turn, so queued messages (a cancel) are handled. */
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

async function scratchRoot(): Promise<OpfsDirectoryHandle> {
  const dir = await childDirectory(await opfsRoot(), SCRATCH_ROOT, true)
  if (dir === null) throw new Error('could not create the IO lab scratch directory')
  return dir
}

/** Deletes what earlier runs left behind; a directory another tab is using stays. */
async function removeLeftovers(root: OpfsDirectoryHandle): Promise<void> {
  const names: string[] = []
  for await (const entry of root.values()) names.push(entry.name)
  for (const name of names) {
    try {
      await root.removeEntry(name, { recursive: true })
    } catch {
      // Open handles in another tab: that run cleans up after itself.
    }
  }
}

async function opfsScratch(
  runId: number,
): Promise<{ files: ScratchFiles; dispose(): Promise<void> }> {
  const root = await scratchRoot()
  await removeLeftovers(root)
  const name = `run-${Date.now()}-${runId}`
  const dir = await root.getDirectoryHandle(name, { create: true })
  const files: ScratchFiles = {
    async open(file) {
      const io = await (await dir.getFileHandle(file, { create: true })).createSyncAccessHandle()
      io.truncate(0)
      return io
    },
    async remove(file, io: FileIo) {
      io.close()
      await dir.removeEntry(file)
    },
  }
  return {
    files,
    async dispose() {
      await root.removeEntry(name, { recursive: true }).catch(() => undefined)
    },
  }
}

async function execute(run: Run, plan: MeasurementPlan): Promise<void> {
  const { runId } = run
  const opfs = isOpfsSyncAvailable()
  const tasks = planTasks(plan).filter((task) => opfs || !needsFiles(task))
  const scratch = opfs ? await opfsScratch(runId) : null
  try {
    await initCodecs() // zstd's WebAssembly; free after the first time
    for (const [done, task] of tasks.entries()) {
      post({ type: 'progress', runId, done, total: tasks.length, task })
      await yieldToEvents()
      if (run.cancelled) {
        post({ type: 'cancelled', runId })
        return
      }
      const result = await measureTask(plan, task, {
        files: scratch?.files ?? null,
        now: () => performance.now(),
      })
      post({ type: 'result', runId, result })
    }
    post({ type: 'progress', runId, done: tasks.length, total: tasks.length, task: null })
    await yieldToEvents()
    if (run.cancelled) post({ type: 'cancelled', runId })
    else post({ type: 'finished', runId, opfs })
  } finally {
    await scratch?.dispose()
  }
}

addEventListener('message', (event: MessageEvent<IoLabRequest>) => {
  const request = event.data
  switch (request.type) {
    case 'cancel': {
      const run = runsById.get(request.runId)
      if (run !== undefined) run.cancelled = true
      break
    }
    case 'run': {
      for (const earlier of runsById.values()) earlier.cancelled = true
      const run: Run = { runId: request.runId, cancelled: false }
      runsById.set(run.runId, run)
      queue = queue.then(async () => {
        try {
          await execute(run, request.plan)
        } catch (error) {
          const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
          post({ type: 'failed', runId: run.runId, message })
        } finally {
          runsById.delete(run.runId)
        }
      })
      break
    }
  }
})
