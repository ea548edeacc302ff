package dev.discovery.samples.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;

/**
 * Gateway that forwards to services found through the discovery server: one route
 * declared here, plus one route per known appid from the discovery locator switched on in
 * {@code application.yml}.
 */
@SpringBootApplication
public class GatewayApplication {

	// GET /provider/hello -> GET /hello on one instance of sample.provider. The lb://
	// scheme asks the load balancer to pick the instance.
	@Bean
	RouteLocator providerRoute(RouteLocatorBuilder routes) {
		return routes.routes()
			.route("provider",
					(route) -> route.path("/provider/**")
						.filters((filters) -> filters.stripPrefix(1))
						.uri("lb://sample.provider"))
			.build();
	}

	public static void main(String[] args) {
		SpringApplication.run(GatewayApplication.class, args);
	}

}
