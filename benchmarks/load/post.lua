-- wrk: POST the file named by XINJI_LOAD_BODY with the content type in XINJI_LOAD_TYPE, and count
-- the responses that are not 2xx (wrk's own count folds 3xx in with 2xx).
local file = assert(io.open(os.getenv("XINJI_LOAD_BODY"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = os.getenv("XINJI_LOAD_TYPE")

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  failed = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("failed")
  end
  io.write(string.format("non-2xx: %d\n", total))
  io.write(string.format("p50-ms: %.2f\np99-ms: %.2f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
