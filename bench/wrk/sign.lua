-- 32 signers, one per wrk thread and connection, so each one's requests follow each other:
-- a GET of the petition page for a CSRF token and cookie, as a browser does, then the form
-- posted again and again, with a new email each time (wrk-<run>-<signer>-<n>@...).
-- Arguments: the petition's path and the run's id. done() reports, per signer, how many
-- posts were answered with the redirect to the thank-you page, so that the benchmark can
-- check that exactly those signatures were stored.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  path = args[1]
  run = args[2]
  answered = 0
  refused = 0
end

function request()
  if token == nil then
    -- With the language cookie sent, the only cookie the page sets is the CSRF one.
    return wrk.format("GET", path, {["Cookie"] = "django_language=en"})
  end
  local body = string.format(
    "csrfmiddlewaretoken=%s&first_name=Ana&last_name=Bench&postal_code=85007" ..
    "&email=wrk-%s-%d-%d%%40bench.example.org", token, run, id, answered + refused + 1)
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "django_language=en; csrftoken=" .. cookie,
  }, body)
end

function response(status, headers, body)
  if token == nil then
    token = body:match('name="csrfmiddlewaretoken" value="([^"]+)"')
    cookie = (headers["Set-Cookie"] or ""):match("csrftoken=([^;]+)")
    if cookie == nil then
      token = nil
    end
  elseif status == 303 then
    answered = answered + 1
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local signers = {}
  local refusals = 0
  for _, thread in ipairs(threads) do
    table.insert(signers, thread:get("id") .. ":" .. thread:get("answered"))
    refusals = refusals + thread:get("refused")
  end
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d refused=%d signers=%s\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.connect + errors.read + errors.write + errors.timeout + errors.status, refusals,
    table.concat(signers, ",")))
end
