-- GET of the URL given to wrk, with a valid bearer token.
dofile(os.getenv("BENCH_LUA") .. "/report.lua")
wrk.headers["Authorization"] = "Bearer " .. token
done = report
