/**
 * The sink connector for background workers of the disk scenario, loaded by path
 * (JobData.connectorsModule); the sink's URL comes from CHAOS_SINK_URL.
 */
import { sinkConnector } from '../crash/sink-connector';

const url = process.env.CHAOS_SINK_URL;
if (!url) throw new Error('disk-sink-module: CHAOS_SINK_URL is not set');

export const connectors = sinkConnector(url);
