package dev.discovery.server.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.discovery.server.api.SchedulerSource;
import dev.discovery.server.registry.AppKey;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads zone scheduler entries from {@code *.json} files at start (docs/wire-protocol.md
 * §7.1): each file is {@code {"app_id","env","clients":{...},"remark"}}; answers carry
 * {@code {"clients":{...},"remark":""}}.
 */
final class SchedulerFiles {

	private static final Log logger = LogFactory.getLog(SchedulerFiles.class);

	private SchedulerFiles() {
	}

	static SchedulerSource load(@Nullable String directory, JsonMapper mapper) {
		if (directory == null || directory.isBlank()) {
			return (key) -> null;
		}
		Map<AppKey, Object> schedulers = new HashMap<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(directory), "*.json")) {
			for (Path file : files) {
				read(file, mapper, schedulers);
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot read scheduler directory " + directory + ": " + ex.getMessage());
		}
		Map<AppKey, Object> loaded = Map.copyOf(schedulers);
		return loaded::get;
	}

	private static void read(Path file, JsonMapper mapper, Map<AppKey, Object> schedulers) {
		try {
			JsonNode entry = mapper.readTree(Files.readString(file));
			String appid = entry.path("app_id").asString("");
			String env = entry.path("env").asString("");
			if (appid.isEmpty() || !entry.path("clients").isObject()) {
				logger.warn("Skipping scheduler file without app_id or clients: " + file);
				return;
			}
			Map<String, Object> scheduler = new LinkedHashMap<>();
			scheduler.put("clients", entry.get("clients"));
			scheduler.put("remark", "");
			schedulers.put(new AppKey(env, appid), scheduler);
			logger.info("Loaded scheduler for " + env + "." + appid + " from " + file);
		}
		catch (IOException | JacksonException ex) {
			logger.warn("Skipping unreadable scheduler file " + file + ": " + ex.getMessage());
		}
	}

}
