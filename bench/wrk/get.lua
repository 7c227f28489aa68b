-- GET one page again and again, as a phone would (gzip accepted), and report the numbers.
wrk.headers["Accept-Encoding"] = "gzip"
wrk.headers["Cookie"] = "django_language=en"

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.connect + errors.read + errors.write + errors.timeout + errors.status))
end
