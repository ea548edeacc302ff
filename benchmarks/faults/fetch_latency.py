import socket, sys, time
port = int(sys.argv[1]); seconds = float(sys.argv[2]); out = sys.argv[3]
FETCH = b"GET /discovery/fetch?appid=infra.discovery&env=dev&status=1 HTTP/1.1\r\nHost: x\r\n\r\n"
s = socket.create_connection(("127.0.0.1", port)); s.settimeout(30)
f = s.makefile("rb")
end = time.time() + seconds; rows = []
while time.time() < end:
    t = time.time(); s.sendall(FETCH)
    length = 0
    while True:
        line = f.readline()
        if line in (b"\r\n", b""): break
        if line.lower().startswith(b"content-length:"): length = int(line.split(b":")[1])
    f.read(length)
    rows.append((t, (time.time() - t) * 1000))
open(out, "w").write("\n".join("%f %f" % r for r in rows))
