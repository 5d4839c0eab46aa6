/**
 * The connectors of the webhook benchmark's engine and its workers (loaded by path through
 * SchedulerOptions.connectorsModule): the built-ins plus a sink action that POSTs through ctx.http.
 */
import { sinkConnector } from '../crash/sink-connector';

const url = process.env.WEBHOOK_BENCH_SINK_URL;
if (!url) throw new Error('WEBHOOK_BENCH_SINK_URL is not set');
export const connectors = sinkConnector(url);
