package dev.discovery.samples.e2e;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * One application of the demo, started in this JVM on a free loopback port.
 *
 * @param context the running application
 * @param port the port its web server listens on
 */
record RunningApp(ConfigurableApplicationContext context, int port) implements AutoCloseable {

	/**
	 * Starts an application. All applications share one class path, where the first
	 * {@code application.yml} shadows the others, so everything a sample needs is passed
	 * as a command-line argument, which wins over any file.
	 * @param application the main class
	 * @param type servlet or reactive: both stacks are on the shared class path
	 * @param args further {@code --name=value} arguments
	 * @return the running application
	 */
	static RunningApp start(Class<?> application, WebApplicationType type, String... args) {
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1"));
		all.addAll(List.of(args));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application).web(type)
			.initializers(RunningApp::shareReactorResources)
			.run(all.toArray(String[]::new));
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return new RunningApp(context, port);
	}

	// Spring Boot backs off from its own ReactorResourceFactory when one is defined.
	private static void shareReactorResources(ConfigurableApplicationContext context) {
		((GenericApplicationContext) context).registerBean("reactorResourceFactory", ReactorResourceFactory.class,
				SharedReactorResources::new);
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
