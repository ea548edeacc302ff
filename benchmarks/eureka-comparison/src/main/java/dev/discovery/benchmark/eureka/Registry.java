package dev.discovery.benchmark.eureka;

import java.util.List;

/**
 * What the runner needs to know about one registry: how to start it and its clients, and
 * its REST API for checks and load.
 */
interface Registry {

	String name();

	/**
	 * Starts the registry server on the given loopback port.
	 */
	ChildJvm startServer(Workspace workspace, int port);

	String readyUrl(int port);

	/**
	 * Classpath of the provider and consumer apps on this registry's starter.
	 */
	String clientClasspath(Workspace workspace);

	/**
	 * Command-line properties of a provider or consumer app registered as appid on port.
	 */
	List<String> clientArgs(int serverPort, String appid, int port);

	/**
	 * Whether the server itself (not a cached answer of it) lists the instance.
	 */
	boolean serverLists(int serverPort, String appid, int instancePort);

	/**
	 * Registers instance number n of appid directly over the REST API.
	 */
	boolean register(int serverPort, String appid, int n);

	String fetchPath(String appid);

	String fetchAccept();

	/**
	 * wrk script that renews instances 0..99 of appid in turn.
	 */
	String renewScript(String appid);

}
