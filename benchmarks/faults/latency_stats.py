import sys
start, end = float(sys.argv[2]), float(sys.argv[3])
lat = sorted(l for t, l in (map(float, x.split()) for x in open(sys.argv[1]) if x.strip()) if start <= t <= end)
p = lambda q: lat[min(len(lat) - 1, int(len(lat) * q))]
print("%d fetches during the burst: p50 %.0f ms, p99 %.0f ms, max %.0f ms" % (len(lat), p(0.5), p(0.99), lat[-1]))
