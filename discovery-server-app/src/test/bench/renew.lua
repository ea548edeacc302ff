-- wrk script: renews instances h0..h99 of bench.app in turn (form-encoded POST).
local n = 0
request = function()
  n = (n + 1) % 100
  return wrk.format("POST", "/discovery/renew", { ["Content-Type"] = "application/x-www-form-urlencoded" },
    "zone=sh001&env=dev&appid=bench.app&hostname=h" .. n)
end
