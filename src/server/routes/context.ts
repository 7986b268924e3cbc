/** What every route plugin is given: the policy store, the service's options, and how to run a task. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, requestError } from '../errors';
import type { PolicyStore } from '../policy-store';
import type { Lifecycle } from '../setup';
import type { Task, TaskAnswer } from '../tasks';

export interface RouteContext {
  store: PolicyStore;
  lifecycle: Lifecycle;
  /** The server's fixed date, if any; a request's asOf wins over it. */
  asOf?: string;
  maxReportSize: number;
}

/** Routes under /v1 require the bearer token when auth is on. */
export const V1 = { auth: true };

/**
 * Runs a route's work in the workers of the current policy and sends their answer. The state is
 * taken once, and the task handed to its pool at once, so a reload cannot change the policy
 * under a request. A client that leaves, or the handler timeout, stops the task.
 */
export async function runTask(
  store: PolicyStore,
  request: FastifyRequest,
  reply: FastifyReply,
  task: Task,
  logMessage: string,
  { logRejected = false } = {},
): Promise<string | Buffer> {
  const state = store.current;
  const answer: TaskAnswer = await state.pool.run(task, taskSignal(request, reply));
  if (answer.ok || logRejected) request.log.info({ ...answer.log, policy: state.generation }, logMessage);
  if (!answer.ok) throw new HttpError(answer.status, answer.errors);
  void reply.headers(answer.headers).type(answer.contentType);
  return typeof answer.body === 'string' ? answer.body : Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength);
}

/**
 * Aborts when the task's answer can no longer be sent: the client closed the connection before
 * it, or the handler timeout fired (Fastify then answers 503 itself).
 */
function taskSignal(request: FastifyRequest, reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new HttpError(503, [requestError('request/unavailable', 'the client closed the connection before the answer')]));
  });
  const timeout = request.signal;
  const onTimeout = (): void => {
    if ((timeout.reason as FastifyError | undefined)?.code === 'FST_ERR_HANDLER_TIMEOUT') controller.abort(timeout.reason);
  };
  if (timeout.aborted) onTimeout();
  else timeout.addEventListener('abort', onTimeout, { once: true });
  return controller.signal;
}
