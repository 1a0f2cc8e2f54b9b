-- Shared by every bench script: the bearer token from $TOKEN and, when wrk
-- finishes, one machine-readable line (BENCH {...}) that bench/run parses.
token = os.getenv("TOKEN") or ""

function report(summary, latency)
   local e = summary.errors
   io.write(string.format(
      'BENCH {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"non_2xx":%d,"socket_errors":%d}\n',
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
      e.status, e.connect + e.read + e.write + e.timeout))
end
