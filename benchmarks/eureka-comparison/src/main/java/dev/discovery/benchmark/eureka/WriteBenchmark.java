package dev.discovery.benchmark.eureka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes into one large app against the same writes spread over many small apps, in one
 * server (issue 10 goal 1): register 20,000 new instances, set and renew existing ones,
 * cancel them all. wrk drives each write with 2 threads and 64 connections; a Lua script
 * names the instances and counts answers whose code is not 0.
 */
final class WriteBenchmark {

	private static final String SCRIPT = """
			local ids = 0
			local threads = {}
			function setup(thread)
			  thread:set("id", ids)
			  ids = ids + 1
			  table.insert(threads, thread)
			end
			function init(args)
			  op = args[1]; prefix = args[2]; apps = tonumber(args[3]); limit = tonumber(args[4]); size = tonumber(args[5])
			  n = 0; answered = 0; errors = 0
			end
			local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
			function request()
			  n = n + 1
			  local k = n
			  if size > 0 then k = ((n - 1) %% size) + 1 end
			  local appid = prefix
			  if apps > 1 then appid = prefix .. "-" .. (k %% apps) end
			  local who = "zone=zone01&env=dev&appid=" .. appid .. "&hostname=t" .. id .. "-" .. k
			  if op == "register" then
			    return wrk.format("POST", "/discovery/register", headers, who .. "&status=1&version=v1&addrs=http://127.0."
			      .. (k %% 250) .. "." .. (id + 1) .. ":8080&metadata=%%7B%%22weight%%22%%3A%%2210%%22%%7D")
			  elseif op == "set" then
			    return wrk.format("POST", "/discovery/set", headers, who .. "&status=" .. (1 + n %% 2))
			  elseif op == "renew" then
			    return wrk.format("POST", "/discovery/renew", headers, who)
			  else
			    return wrk.format("POST", "/discovery/cancel", headers, who)
			  end
			end
			function response(status, headers, body)
			  answered = answered + 1
			  if status ~= 200 or not string.find(body, '"code":0', 1, true) then errors = errors + 1 end
			  if limit > 0 and answered >= limit then wrk.thread:stop() end
			end
			function done(summary, latency, requests)
			  local e = 0
			  for _, t in ipairs(threads) do e = e + t:get("errors") end
			  io.write(string.format("ERRORS %%d\\n", e))
			  io.write(string.format("P99US %%d\\n", latency:percentile(99)))
			end
			""";

	private static final int INSTANCES = 20_000;

	private static final int APPS = 200;

	private static final int SECONDS = 10;

	private final Workspace workspace;

	private final int port;

	WriteBenchmark(Workspace workspace, int port) {
		this.workspace = workspace;
		this.port = port;
	}

	void run(Report report) {
		report.line("| write | one app | " + APPS + " apps | ratio |");
		report.line("|---|---|---|---|");
		try (ChildJvm server = Stacks.discovery(this.workspace, this.port)) {
			Path script = script(this.workspace);
			// Warm-up (JIT): the same writes in apps that are dropped afterwards.
			wrk(script, "register", "warm", APPS, INSTANCES, 0);
			wrk(script, "cancel", "warm", APPS, INSTANCES, 0);
			int perThread = INSTANCES / 2;
			Wrk.Result oneRegister = wrk(script, "register", "big", 1, perThread, 0);
			Wrk.Result spreadRegister = wrk(script, "register", "spread", APPS, perThread, 0);
			line(report, "register " + INSTANCES + " new instances", oneRegister, spreadRegister);
			line(report, "set (status) of existing instances, " + SECONDS + " s",
					wrk(script, "set", "big", 1, 0, perThread), wrk(script, "set", "spread", APPS, 0, perThread));
			line(report, "renew of existing instances, " + SECONDS + " s", wrk(script, "renew", "big", 1, 0, perThread),
					wrk(script, "renew", "spread", APPS, 0, perThread));
			line(report, "cancel of all " + INSTANCES + " instances", wrk(script, "cancel", "big", 1, perThread, 0),
					wrk(script, "cancel", "spread", APPS, perThread, 0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Wrk.Result wrk(Path script, String op, String prefix, int apps, int limit, int size) {
		return writes(script, this.port, op, prefix, apps, limit, size);
	}

	/**
	 * The wrk script of the writes, written into the workspace.
	 */
	static Path script(Workspace workspace) throws IOException {
		Path script = workspace.file("wrk-writes.lua");
		Files.writeString(script, SCRIPT.formatted());
		return script;
	}

	/**
	 * One wrk run of writes (2 threads, 64 connections): instance {@code t<thread>-<k>}
	 * of app {@code <prefix>-<k % apps>} (or {@code <prefix>} for one app); {@code limit}
	 * answers per thread with new k each, or, with {@code size > 0}, {@value #SECONDS} s
	 * over the k of 1 to size.
	 */
	static Wrk.Result writes(Path script, int port, String op, String prefix, int apps, int limit, int size) {
		int seconds = (limit > 0) ? 300 : SECONDS;
		Wrk.Result result = Wrk.run("http://127.0.0.1:" + port, seconds, List.of("-s", script.toString()),
				List.of(op, prefix, String.valueOf(apps), String.valueOf(limit), String.valueOf(size)));
		Report.progress(result.command() + " -> " + describe(result));
		return result;
	}

	private static void line(Report report, String what, Wrk.Result one, Wrk.Result spread) {
		report.line(String.format(Locale.ROOT, "| %s | %s | %s | %.2f |", what, describe(one), describe(spread),
				one.rate() / spread.rate()));
	}

	static String describe(Wrk.Result result) {
		return String.format(Locale.ROOT, "%,.0f/s, p99 %.1f ms, %d errors", result.rate(),
				result.scriptFigure("P99US") / 1000, (long) result.scriptFigure("ERRORS") + result.non2xx());
	}

}
