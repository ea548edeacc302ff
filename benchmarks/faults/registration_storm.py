import asyncio, sys, time
port = int(sys.argv[1]); n = int(sys.argv[2])
FETCH = b"GET /discovery/fetch?appid=infra.discovery&env=dev&status=1 HTTP/1.1\r\nHost: x\r\n\r\n"
async def read_answer(r):
    head = await r.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"): length = int(line.split(b":")[1])
    body = await r.readexactly(length)
    return head.split(b" ")[1], body
async def register(i):
    body = ("zone=sh001&env=dev&appid=storm.app&hostname=s%d&addrs=http://127.0.0.1:%d&status=1" % (i, 10000 + i)).encode()
    r, w = await asyncio.open_connection("127.0.0.1", port)
    w.write(b"POST /discovery/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
    await w.drain()
    status, answer = await read_answer(r)
    w.close()
    return answer.startswith(b'{"code":0')
async def fetcher(stop, lat):
    r, w = await asyncio.open_connection("127.0.0.1", port)
    while not stop.is_set():
        t = time.perf_counter(); w.write(FETCH); await w.drain()
        await read_answer(r); lat.append((time.perf_counter() - t) * 1000)
async def main():
    t = time.time()
    ok = await asyncio.gather(*[register(i) for i in range(n)], return_exceptions=True)
    el = time.time() - t
    good = sum(1 for x in ok if x is True)
    print("BURST %f %f" % (t, t + el))
    print("%d registrations (%d code 0) in %.2f s" % (n, good, el))
asyncio.run(main())
