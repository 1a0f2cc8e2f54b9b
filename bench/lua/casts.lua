-- POST /casts and DELETE pairs: every thread first assigns LAG pairs, then
-- alternates between assigning the next pair and removing the oldest one it
-- assigned (acknowledged long before in all but extreme latency tails: a
-- DELETE that overtakes its POST answers 404, counted as non-2xx). Each wrk thread owns its own movies ($MOVIES, comma-separated
-- ids, dealt out by thread) with all actors ($ACTORS), so no two threads
-- touch one pair.
dofile(os.getenv("BENCH_LUA") .. "/report.lua")
local LAG = 1024
local counter = 0

local function split(s)
   local t = {}
   for v in string.gmatch(s, "[^,]+") do t[#t + 1] = v end
   return t
end

function setup(thread)
   thread:set("tid", counter)
   counter = counter + 1
end

function init(args)
   local movies = split(os.getenv("MOVIES"))
   actors = split(os.getenv("ACTORS"))
   mine = {}
   for i, m in ipairs(movies) do
      if (i - 1) % 2 == tid then mine[#mine + 1] = m end
   end
   posted, removed, npairs = 0, 0, #mine * #actors
end

local function pair(j)
   local k = j % npairs
   return mine[(k % #mine) + 1], actors[math.floor(k / #mine) % #actors + 1]
end

function request()
   local hdr = {["Authorization"] = "Bearer " .. token}
   if posted - removed >= LAG and (posted + removed) % 2 == 1 then
      local m, a = pair(removed)
      removed = removed + 1
      return wrk.format("DELETE", "/casts/movies/" .. m .. "/actors/" .. a, hdr)
   end
   local m, a = pair(posted)
   posted = posted + 1
   hdr["Content-Type"] = "application/json"
   return wrk.format("POST", "/casts", hdr, '{"movieId":' .. m .. ',"actorId":' .. a .. '}')
end

done = report
