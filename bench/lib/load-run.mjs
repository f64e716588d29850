// One load-generator run (autocannon) against one target: a fixed number of connections, each sending the
// same request again as soon as the previous answer is complete, for a fixed time. Latencies are taken
// per response, unrounded, from autocannon's `response` event.
import autocannon from 'autocannon';

/** Seconds a single request may take before it counts as a timeout (an error). */
const REQUEST_TIMEOUT_SECONDS = 30;

/**
 * @param {{ url: string, headers: Record<string,string>, body: string }} request
 * @param {{ connections: number, durationSeconds: number, samples?: import('./stats.mjs').Samples }} settings
 * @returns {Promise<{ requests: number, seconds: number, errors: number, non2xx: number, timeouts: number, bytes: number }>}
 */
export async function runLoad(request, { connections, durationSeconds, samples }) {
  const instance = autocannon({
    url: request.url,
    method: 'POST',
    headers: request.headers,
    body: request.body,
    connections,
    duration: durationSeconds,
    timeout: REQUEST_TIMEOUT_SECONDS,
  });
  let completed = 0;
  instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
    if (statusCode >= 200 && statusCode < 300) {
      completed++;
      samples?.push(responseTimeMs);
    }
  });
  const result = await instance;
  return {
    requests: completed,
    // autocannon's own measure of the run's length (it stops sending at the deadline, then drains).
    seconds: result.duration,
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    bytes: result.throughput.total,
  };
}
