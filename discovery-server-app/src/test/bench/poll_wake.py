#!/usr/bin/env python3
"""Register -> parked-poll wake-up latency.

Parks N /discovery/polls requests (raw asyncio sockets, one connection each) on one app of a running
server, registers a new instance of that app, and measures for each poll the time from just before the
register to its answer. Three rounds. Usage: poll_wake.py PORT N
"""
import asyncio, time, json, sys, urllib.request
host, port, n = '127.0.0.1', int(sys.argv[1]), int(sys.argv[2])
app = 'py.wake.%d' % time.time_ns()
def post(path, body):
    req = urllib.request.Request('http://%s:%d%s' % (host, port, path), data=body.encode(), headers={'Content-Type':'application/x-www-form-urlencoded'})
    return urllib.request.urlopen(req).read()
def latest():
    d = json.loads(urllib.request.urlopen('http://%s:%d/discovery/fetch?appid=%s&env=dev&status=1' % (host, port, app)).read())
    return d['data']['latest_timestamp']
post('/discovery/register', 'zone=sh001&env=dev&appid=%s&hostname=h0&status=1&addrs=http://127.0.0.1:1' % app)
async def one(i, ts, t0holder, out):
    r, w = await asyncio.open_connection(host, port)
    w.write(('GET /discovery/polls?appid=%s&env=dev&hostname=p%d&latest_timestamp=%d HTTP/1.1\r\nHost: x\r\n\r\n' % (app, i, ts)).encode())
    await w.drain()
    data = await r.read(65536)
    out.append(time.perf_counter() - t0holder[0])
    w.close()
async def main():
    lat = []
    for rnd in range(3):
        ts = latest(); t0 = [0]; out = []
        tasks = [asyncio.create_task(one(i, ts, t0, out)) for i in range(n)]
        await asyncio.sleep(max(2, n/1000))
        t0[0] = time.perf_counter()
        await asyncio.get_event_loop().run_in_executor(None, post, '/discovery/register', 'zone=sh001&env=dev&appid=%s&hostname=h%d&status=1&addrs=http://127.0.0.1:1' % (app, rnd+1))
        await asyncio.gather(*tasks)
        lat += out
    lat.sort()
    print('n=%d p50=%.1fms p99=%.1fms max=%.1fms' % (n, lat[len(lat)//2]*1000, lat[int(len(lat)*0.99)]*1000, lat[-1]*1000))
asyncio.run(main())
