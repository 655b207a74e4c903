-- wrk script for the vote ingestion benchmark (bench/run-votes.sh). Every request is a real
-- POST /votes from a signed-in reader: its session and antiforgery cookies, its form token, a
-- tool and a choice. Readers rotate, so requests spread over many accounts (each with its own
-- rate-limit partition and session); tools and choices are drawn at random.
--   wrk -t2 -c64 -d15s -s bench/votes/votes.lua http://127.0.0.1:PORT -- READERS_FILE TOOLS_FILE
-- READERS_FILE: one reader per line, "<Cookie header>\t<form token>". TOOLS_FILE: one slug per line.
-- An acknowledged vote is a 303 (the server answers only after the vote's transaction committed).
-- Counters are globals so that done() (in wrk's main Lua state) can read them with thread:get.
threads = {}
local counter = 0

setup = function(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

readers, tools, next_reader = {}, {}, 0
acknowledged, refused, rate_limited = 0, 0, 0

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

init = function(args)
  for line in io.lines(args[1]) do
    local cookie, token = line:match("^(.-)\t(.+)$")
    if cookie then readers[#readers + 1] = { cookie = cookie, token = urlencode(token) } end
  end
  for line in io.lines(args[2]) do
    if #line > 0 then tools[#tools + 1] = line end
  end
  -- Threads start at different readers and walk the list, so they rarely send for the same account at once.
  next_reader = math.floor((id - 1) * #readers / 2)
  math.randomseed(id * 7919)
end

request = function()
  next_reader = next_reader % #readers + 1
  local reader = readers[next_reader]
  local choice = math.random(2) == 1 and "ship" or "skip"
  local body = "tool=" .. tools[math.random(#tools)] .. "&choice=" .. choice .. "&__RequestVerificationToken=" .. reader.token
  return wrk.format("POST", "/votes", {
    ["Cookie"] = reader.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end

response = function(status, headers, body)
  if status == 303 then
    acknowledged = acknowledged + 1
  elseif status == 429 then
    rate_limited = rate_limited + 1
  else
    refused = refused + 1
  end
end

done = function(summary, latency, requests)
  local acked, other, limited = 0, 0, 0
  for _, t in ipairs(threads) do
    acked = acked + t:get("acknowledged")
    other = other + t:get("refused")
    limited = limited + t:get("rate_limited")
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d acknowledged=%d refused=%d rate_limited=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d errors=%d\n",
    summary.requests, acked, other, limited, summary.duration,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout))
end
