-- wrk script for the cold renders: requests every path of a file (one per line) exactly once,
-- in order, then stops its thread and creates DONE_FILE. Run with -t1 -c1, so each request
-- waits for the previous answer:
--   wrk -t1 -c1 -d600s --timeout 10s -s bench/site/walk.lua URL -- PATHS_FILE DONE_FILE
-- wrk's main thread sleeps for the whole -d whatever its threads do, so the caller sends wrk
-- SIGINT once DONE_FILE exists; wrk then prints its summary at once.
-- Counters are globals so that done() (in wrk's main Lua state) can read them with thread:get.
threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

paths, npaths, sent, answered, not_ok, body_bytes, done_file = {}, 0, 0, 0, 0, 0, nil

init = function(args)
  done_file = args[2]
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  npaths = #paths
end

request = function()
  sent = sent + 1
  return wrk.format("GET", paths[math.min(sent, npaths)])
end

response = function(status, headers, body)
  if answered == npaths then return end
  answered = answered + 1
  if status ~= 200 then not_ok = not_ok + 1 end
  body_bytes = body_bytes + #body
  if answered == npaths then
    wrk.thread:stop()
    if done_file then io.open(done_file, "w"):close() end
  end
end

done = function(summary, latency, requests)
  local t = threads[1]
  io.write(string.format(
    "RESULT paths=%d sent=%d answered=%d not_ok=%d body_bytes=%d requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%d errors=%d\n",
    t:get("npaths"), t:get("sent"), t:get("answered"), t:get("not_ok"), t:get("body_bytes"), summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
