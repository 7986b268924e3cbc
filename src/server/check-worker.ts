/**
 * The worker thread of the service's pool (piscina). It compiles the policy once, when it starts,
 * from the same selection as the server (a compiled policy holds functions and cannot be sent
 * between threads), then answers tasks. A worker is terminated when a task overruns its CPU budget;
 * the pool starts a fresh one, which compiles the policy again.
 */
import { workerData } from 'piscina';
import { loadTaskState, runTask, unavailable, type Task, type TaskAnswer, type WorkerSetup } from './tasks';

async function initialise(): Promise<(task: Task) => Promise<TaskAnswer>> {
  try {
    const state = await loadTaskState(workerData as WorkerSetup);
    return (task) => runTask(state, task);
  } catch (err) {
    // A worker that cannot load the policy answers every task with 503, rather than failing to
    // start (which the pool would retry without end) or judging by another policy.
    const answer = unavailable(err);
    return async (task) => {
      if (task.started) task.started[0] = Date.now();
      return answer;
    };
  }
}

export default initialise();
