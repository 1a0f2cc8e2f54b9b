-- PATCH /actors/{id} over the actors in $ACTORS, each time a new age, so
-- every request is a real write (an unchanged actor would answer 204).
dofile(os.getenv("BENCH_LUA") .. "/report.lua")
local counter = 0

function setup(thread)
   thread:set("tid", counter)
   counter = counter + 1
end

function init(args)
   actors = {}
   for v in string.gmatch(os.getenv("ACTORS"), "[^,]+") do actors[#actors + 1] = v end
   step = 0
end

function request()
   step = step + 1
   local id = actors[(step % #actors) + 1]
   local age = 20 + (math.floor(step / #actors) * 2 + tid) % 70
   return wrk.format("PATCH", "/actors/" .. id, {
      ["Authorization"] = "Bearer " .. token,
      ["Content-Type"] = "application/json-patch+json",
   }, '[{"op":"add","path":"/age","value":' .. age .. '}]')
end

done = report
