#!/usr/bin/env python3
"""Registers N instances of one app (default 100) on a discovery server, for the wrk benchmarks."""
import sys
import urllib.request

target = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:7171"
count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
appid = sys.argv[3] if len(sys.argv) > 3 else "bench.app"
for n in range(count):
    body = ("zone=sh001&env=dev&appid=%s&hostname=h%d&status=1&addrs=http://10.0.%d.%d:8080"
            "&metadata={\"weight\":\"10\"}" % (appid, n, n // 250, n % 250)).encode()
    urllib.request.urlopen(urllib.request.Request("http://%s/discovery/register" % target, data=body)).read()
