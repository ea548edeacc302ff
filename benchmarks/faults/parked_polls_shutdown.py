import asyncio, sys, time, os, signal, json, urllib.request
port = int(sys.argv[1]); n = int(sys.argv[2]); pid = int(sys.argv[3])
REQ = "GET /discovery/polls?appid=not.registered&env=dev&hostname=h%d&latest_timestamp=0 HTTP/1.1\r\nHost: x\r\n\r\n"
def parked():
    return json.load(urllib.request.urlopen("http://127.0.0.1:%d/actuator/metrics/discovery.polls.parked" % port))["measurements"][0]["value"]
async def send(i):
    r, w = await asyncio.open_connection("127.0.0.1", port)
    w.write((REQ % i).encode()); await w.drain()
    return r, w
async def answer(r):
    try:
        data = await asyncio.wait_for(r.read(65536), 60)
        if not data: return "closed without answer"
        return (data.split(b"\r\n", 1)[0] + b" " + data.split(b"\r\n\r\n", 1)[1][:40]).decode(errors="replace")
    except Exception as e:
        return "error " + type(e).__name__
async def main():
    loop = asyncio.get_running_loop()
    t = time.time(); conns = []
    for start in range(0, n, 1000):
        conns += await asyncio.gather(*[send(i) for i in range(start, min(n, start + 1000))])
    p = 0
    for _ in range(240):
        p = await loop.run_in_executor(None, parked)
        if p >= n: break
        await asyncio.sleep(0.25)
    print("%d polls sent, %d parked after %.1f s" % (n, p, time.time() - t), flush=True)
    t0 = time.time()
    os.kill(pid, signal.SIGTERM)
    results = await asyncio.gather(*[answer(r) for r, w in conns])
    t1 = time.time()
    while True:
        try: os.kill(pid, 0)
        except ProcessLookupError: break
        await asyncio.sleep(0.02)
    t2 = time.time()
    counts = {}
    for k in results: counts[k] = counts.get(k, 0) + 1
    print("SIGTERM -> every poll answered in %.2f s, process exited in %.2f s" % (t1 - t0, t2 - t0))
    print(counts)
asyncio.run(main())
